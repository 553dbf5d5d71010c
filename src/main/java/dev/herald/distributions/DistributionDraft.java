package dev.herald.distributions;

import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * A distribution as the API gives it: each part checked for shape when saved (drafts may be
 * partial), and against the catalog in full before it goes live or is scheduled.
 */
record DistributionDraft(
    Optional<String> name,
    Optional<ObjectNode> trigger,
    Optional<ObjectNode> audience,
    Optional<ObjectNode> action,
    Optional<List<Body>> channels,
    Optional<ObjectNode> timeFrame,
    boolean timeFrameGiven) {

  private static final List<String> SCOPE_FIELDS =
      Catalog.TRIGGERS.values().stream()
          .flatMap(t -> Stream.concat(t.required().stream(), t.optional().stream()))
          .map(Catalog.Scope::field)
          .distinct()
          .toList();

  static DistributionDraft from(Body body) {
    return new DistributionDraft(
        body.string("name"),
        body.object("trigger").map(DistributionDraft::trigger),
        body.object("audience").map(DistributionDraft::audience),
        body.object("action").map(DistributionDraft::action),
        body.objects("channels"),
        body.object("time_frame").map(DistributionDraft::timeFrame),
        body.has("time_frame"));
  }

  private static ObjectNode trigger(Body t) {
    ObjectNode out = Json.object();
    t.oneOf("type", List.copyOf(Catalog.TRIGGERS.keySet()))
        .ifPresent(type -> out.put("type", type));
    for (String field : SCOPE_FIELDS) {
      if (field.equals("include_existing_members")) {
        t.bool(field).ifPresent(v -> out.put(field, v));
      } else {
        t.string(field).ifPresent(v -> out.put(field, v));
      }
    }
    return out;
  }

  private static ObjectNode action(Body a) {
    ObjectNode out = Json.object();
    a.oneOf("type", List.copyOf(Catalog.ACTIONS.keySet())).ifPresent(type -> out.put("type", type));
    for (String field : List.of("campaign_id", "promotion_tier_id")) {
      a.string(field).ifPresent(v -> out.put(field, v));
    }
    return out;
  }

  private static ObjectNode audience(Body a) {
    ObjectNode out = Json.object();
    a.string("customer").ifPresent(v -> out.put("customer", v));
    a.string("segment_id").ifPresent(v -> out.put("segment_id", v));
    if (out.has("customer") && out.has("segment_id")) {
      throw a.invalid(
          "customer", "and segment_id cannot both be given: pick one customer or a segment");
    }
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

  /** Everything a distribution needs to go live or be scheduled, checked against the catalog. */
  static void checkComplete(Distribution d, List<String> channelTypes) {
    if (d.name() == null || d.name().isBlank()) {
      throw incomplete("name is required");
    }
    String type = d.triggerType();
    if (type == null) {
      throw incomplete("trigger.type is required");
    }
    Catalog.TriggerSpec spec = Catalog.trigger(type).orElseThrow();
    for (Catalog.Scope scope : spec.required()) {
      if (d.trigger().path(scope.field()).asString("").isBlank()) {
        throw incomplete("trigger." + scope.field() + " is required for trigger " + type);
      }
    }
    List<String> allowedScope =
        Stream.concat(spec.required().stream(), spec.optional().stream())
            .map(Catalog.Scope::field)
            .toList();
    for (String field : d.trigger().propertyNames()) {
      if (!field.equals("type") && !allowedScope.contains(field)) {
        throw incomplete("trigger." + field + " does not apply to trigger " + type);
      }
    }
    if (spec.manual()) {
      ObjectNode audience = d.audience();
      if (audience == null || (!audience.has("customer") && !audience.has("segment_id"))) {
        throw incomplete(
            "audience.customer or audience.segment_id is required for a manual distribution");
      }
    } else if (d.audience() != null && !d.audience().isEmpty()) {
      throw incomplete(
          "audience applies to manual distributions only; the event's customer is the audience");
    }
    if (spec.manual() && d.timeFrame() != null && !d.timeFrame().isEmpty()) {
      throw incomplete("time_frame applies to automatic distributions only");
    }
    String action = d.action() == null ? null : d.action().path("type").asString(null);
    if (action == null) {
      throw incomplete("action.type is required");
    }
    Catalog.Offer offer =
        spec.offer(action)
            .orElseThrow(
                () ->
                    incomplete(
                        "action "
                            + action
                            + " is not available for trigger "
                            + type
                            + " (allowed: "
                            + String.join(", ", spec.actions())
                            + ")"));
    for (String required : Catalog.ACTIONS.get(action).requires()) {
      if (d.action().path(required).asString("").isBlank()) {
        throw incomplete("action." + required + " is required for action " + action);
      }
    }
    if (channelTypes.isEmpty()) {
      throw incomplete("at least one channel is required");
    }
    for (String channel : channelTypes) {
      if (!offer.channels().contains(channel)) {
        throw incomplete(
            "channel "
                + channel
                + " is not available for action "
                + action
                + " on trigger "
                + type
                + " (allowed: "
                + String.join(", ", offer.channels())
                + ")");
      }
    }
  }

  private static ApiException incomplete(String details) {
    return ApiException.badRequest("invalid_distribution", details);
  }
}
