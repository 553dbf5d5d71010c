package dev.herald.distributions;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.Publications;
import dev.herald.customers.Customer;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wizard's Summary step ({@code GET /v1/distributions/{id}/summary}): the configuration in
 * words, whether it is ready to send (and if not, why), and a dry run — how many recipients, how
 * many messages, how many would be skipped and why, and codes needed against codes available —
 * computed without sending or reserving anything.
 */
@Component
class Summaries {

  private final Messaging messaging;
  private final Campaigns campaigns;
  private final Publications publications;
  private final Audiences audiences;

  Summaries(
      Messaging messaging, Campaigns campaigns, Publications publications, Audiences audiences) {
    this.messaging = messaging;
    this.campaigns = campaigns;
    this.publications = publications;
    this.audiences = audiences;
  }

  ObjectNode summarize(Distribution d, Runnable readinessCheck) {
    List<Channel> channels = messaging.channels(d.projectId(), d.id());
    ObjectNode out = Json.object();
    out.put("object", "distribution_summary");
    out.put("id", d.id());
    out.put("name", d.name());
    out.put("status", d.status().name());
    out.set("description", describe(d, channels));
    ArrayNode problems = Json.array();
    try {
      readinessCheck.run();
    } catch (ApiException e) {
      problems.add(e.details());
    }
    out.put("ready", problems.isEmpty());
    out.set("problems", problems);
    out.set("dry_run", dryRun(d, channels));
    return out;
  }

  private ArrayNode describe(Distribution d, List<Channel> channels) {
    ArrayNode lines = Json.array();
    Optional<Catalog.TriggerSpec> spec =
        Optional.ofNullable(d.triggerType()).flatMap(Catalog::trigger);
    if (spec.isEmpty()) {
      lines.add("No trigger chosen yet.");
      return lines;
    }
    if (spec.get().manual()) {
      lines.add(
          d.audience() != null && d.audience().has("segment_id")
              ? "Send once to every customer in segment "
                  + d.audience().path("segment_id").asString()
                  + "."
              : "Send once to customer "
                  + (d.audience() == null
                      ? "(not chosen)"
                      : d.audience().path("customer").asString("(not chosen)"))
                  + ".");
      lines.add(
          "It goes out 10 minutes after Save & Send (after the segment finishes syncing), and can be edited or stopped until then.");
    } else {
      StringBuilder when = new StringBuilder("When: " + spec.get().label());
      for (List<Catalog.Scope> scopes : List.of(spec.get().required(), spec.get().optional())) {
        for (Catalog.Scope scope : scopes) {
          String value = d.trigger().path(scope.field()).asString(null);
          if (value != null) {
            when.append(", ").append(scope.label().toLowerCase()).append(" ").append(value);
          }
        }
      }
      lines.add(when + ". The customer of each such event receives the messages.");
      if (d.timeFrame() != null && !d.timeFrame().isEmpty()) {
        lines.add(
            "Only for events between "
                + d.timeFrame().path("start_at").asString("now")
                + " and "
                + d.timeFrame().path("end_at").asString("no end")
                + ".");
      }
    }
    String action = d.action() == null ? null : d.action().path("type").asString(null);
    if (action == null) {
      lines.add("No action chosen yet.");
    } else {
      String what = Catalog.ACTIONS.get(action).label();
      if (action.equals("publish_code")) {
        what += " " + d.action().path("campaign_id").asString("");
      } else if (action.equals("notify_promotion")) {
        what += " (tier " + d.action().path("promotion_tier_id").asString("") + ")";
      }
      lines.add("Action: " + what + ".");
    }
    List<String> types = channels.stream().map(Channel::type).toList();
    lines.add(
        types.isEmpty()
            ? "No channels yet."
            : "Channels: " + String.join(", ", types) + " (each counts as one message).");
    return lines;
  }

  private ObjectNode dryRun(Distribution d, List<Channel> channels) {
    ObjectNode out = Json.object();
    Audiences.Estimate estimate = audiences.estimate(d);
    out.put("audience", estimate.description());
    out.put("recipients", estimate.recipients());
    ObjectNode skipped = Json.object();
    long reachable = estimate.recipients() == null ? 0 : estimate.recipients();
    if (estimate.recipients() != null) {
      skipped.put("unsubscribed", estimate.unsubscribed());
      boolean email = channels.stream().anyMatch(c -> c.type().equals("email"));
      boolean sms = channels.stream().anyMatch(c -> c.type().equals("sms"));
      if (email) {
        skipped.put("no_email", estimate.noEmail());
      }
      if (sms) {
        skipped.put("no_phone", estimate.noPhone());
      }
      out.put("messages", estimate.recipients() * channels.size());
    } else {
      out.putNull("messages");
    }
    out.set("skipped", skipped);
    String action = d.action() == null ? null : d.action().path("type").asString(null);
    if ("publish_code".equals(action)) {
      String campaignId = d.action().path("campaign_id").asString();
      Optional<Campaign> campaign = campaigns.findOptional(d.projectId(), campaignId);
      out.put("codes_needed", estimate.recipients());
      if (campaign.isPresent() && "AUTO_UPDATE".equals(campaign.get().type())) {
        out.putNull("codes_available");
        out.put("codes_note", "the campaign makes new codes when its pool runs out");
        out.put("codes_short", 0);
      } else {
        long available =
            campaign.map(c -> publications.codesAvailable(d.projectId(), c.id())).orElse(0L);
        out.put("codes_available", available);
        out.put(
            "codes_short", estimate.recipients() == null ? 0 : Math.max(0, reachable - available));
      }
    }
    return out;
  }

  /** For a single customer: what would happen to them. */
  static Audiences.Estimate one(Customer c) {
    return new Audiences.Estimate(
        "customer " + c.id(),
        1L,
        c.unsubscribed() ? 1 : 0,
        c.email() == null || c.email().isBlank() ? 1 : 0,
        c.phone() == null || c.phone().isBlank() ? 1 : 0);
  }
}
