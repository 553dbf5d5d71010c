package dev.herald.distributions;

import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A distribution as the API gives it: each part checked for shape when saved (drafts may be
 * partial), and against the catalog in full before it goes live.
 */
record DistributionDraft(
    Optional<String> name,
    Optional<ObjectNode> trigger,
    Optional<ObjectNode> audience,
    Optional<ObjectNode> action,
    Optional<List<Body>> channels,
    Optional<ObjectNode> timeFrame,
    boolean timeFrameGiven) {

  static DistributionDraft from(Body body) {
    Optional<ObjectNode> trigger = body.object("trigger").map(DistributionDraft::trigger);
    Optional<ObjectNode> action = body.object("action").map(DistributionDraft::action);
    Optional<ObjectNode> audience = body.object("audience").map(DistributionDraft::audience);
    Optional<ObjectNode> timeFrame = body.object("time_frame").map(DistributionDraft::timeFrame);
    return new DistributionDraft(
        body.string("name"),
        trigger,
        audience,
        action,
        body.objects("channels"),
        timeFrame,
        body.has("time_frame"));
  }

  private static ObjectNode trigger(Body t) {
    ObjectNode out = Json.object();
    t.string("type")
        .ifPresent(
            type -> {
              if (Catalog.trigger(type).isEmpty()) {
                throw t.invalid(
                    "type",
                    "must be one of "
                        + String.join(", ", Catalog.TRIGGERS.keySet())
                        + " (got '"
                        + type
                        + "')");
              }
              out.put("type", type);
            });
    for (String field :
        List.of(
            "custom_event", "segment_id", "campaign_id", "loyalty_tier_id", "validation_rule_id")) {
      t.string(field).ifPresent(v -> out.put(field, v));
    }
    t.bool("include_existing_members").ifPresent(v -> out.put("include_existing_members", v));
    return out;
  }

  private static ObjectNode action(Body a) {
    ObjectNode out = Json.object();
    a.string("type")
        .ifPresent(
            type -> {
              if (!Catalog.ACTIONS.containsKey(type)) {
                throw a.invalid(
                    "type",
                    "must be one of "
                        + String.join(", ", Catalog.ACTIONS.keySet())
                        + " (got '"
                        + type
                        + "')");
              }
              out.put("type", type);
            });
    for (String field : List.of("campaign_id", "promotion_tier_id")) {
      a.string(field).ifPresent(v -> out.put(field, v));
    }
    return out;
  }

  private static ObjectNode audience(Body a) {
    ObjectNode out = Json.object();
    a.string("customer").ifPresent(v -> out.put("customer", v));
    a.string("segment_id").ifPresent(v -> out.put("segment_id", v));
    return out;
  }

  private static ObjectNode timeFrame(Body f) {
    ObjectNode out = Json.object();
    Optional<Instant> start = f.instant("start_at");
    Optional<Instant> end = f.instant("end_at");
    if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
      throw f.invalid("end_at", "must be after start_at");
    }
    start.ifPresent(s -> out.put("start_at", Times.format(s)));
    end.ifPresent(e -> out.put("end_at", Times.format(e)));
    return out;
  }

  /** Everything a distribution needs to go live, checked against the catalog. */
  static void checkComplete(Distribution d, int channelCount) {
    if (d.name() == null || d.name().isBlank()) {
      throw incomplete("name is required");
    }
    String type = d.triggerType();
    if (type == null) {
      throw incomplete("trigger.type is required");
    }
    Catalog.TriggerSpec spec = Catalog.trigger(type).orElseThrow();
    for (String scope : spec.requiredScope()) {
      if (d.trigger().path(scope).asString("").isBlank()) {
        throw incomplete("trigger." + scope + " is required for trigger " + type);
      }
    }
    String action = d.action() == null ? null : d.action().path("type").asString(null);
    if (action == null) {
      throw incomplete("action.type is required");
    }
    if (!spec.actions().contains(action)) {
      throw incomplete(
          "action "
              + action
              + " is not available for trigger "
              + type
              + " (allowed: "
              + String.join(", ", spec.actions())
              + ")");
    }
    if (channelCount == 0) {
      throw incomplete("at least one channel is required");
    }
  }

  static void checkChannelTypes(Distribution d, List<String> channelTypes) {
    String action = d.action() == null ? null : d.action().path("type").asString(null);
    if (action == null) {
      return;
    }
    List<String> allowed = Catalog.ACTIONS.get(action).channels();
    for (String type : channelTypes) {
      if (!allowed.contains(type)) {
        throw incomplete(
            "channel "
                + type
                + " is not available for action "
                + action
                + " (allowed: "
                + String.join(", ", allowed)
                + ")");
      }
    }
  }

  private static ApiException incomplete(String details) {
    return ApiException.badRequest("invalid_distribution", details);
  }
}
