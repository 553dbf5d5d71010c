package dev.herald.distributions;

import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import dev.herald.eventlog.EventLog;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.rules.RuleContext;
import dev.herald.rules.ValidationRules;
import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import dev.herald.shared.db.TransactionCache;
import dev.herald.shared.json.Json;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns facts into messages. For each event of a trigger type, every LIVE distribution of the
 * project with that trigger fires when its scope matches the event's data (catalog scopes), it went
 * live before the event, its time frame holds the event, and it did not cause the event itself.
 * Firing runs the action and queues one message per channel; all of it commits with the event's
 * consumer task, and the unique keys make a redelivered event a no-op.
 */
@Component
class TriggerMatcher implements EventConsumer {

  private static final Logger log = LoggerFactory.getLogger(TriggerMatcher.class);

  private final DistributionRepository distributions;
  private final Messaging messaging;
  private final EventLog eventLog;
  private final Fanout fanout;
  private final DistributionEvents events;
  private final ValidationRules rules;
  private final Projects projects;

  TriggerMatcher(
      DistributionRepository distributions,
      Messaging messaging,
      EventLog eventLog,
      Fanout fanout,
      DistributionEvents events,
      ValidationRules rules,
      Projects projects) {
    this.distributions = distributions;
    this.messaging = messaging;
    this.eventLog = eventLog;
    this.fanout = fanout;
    this.events = events;
    this.rules = rules;
    this.projects = projects;
  }

  @Override
  public String name() {
    return "distributions.matcher";
  }

  @Override
  public boolean accepts(String eventType) {
    return Catalog.isTriggerType(eventType);
  }

  /** Only projects with a LIVE distribution of this trigger type get matcher work. */
  @Override
  public boolean wants(ProjectId project, String eventType) {
    return distributions.anyLive(project, eventType);
  }

  @Override
  public int threads() {
    return 2;
  }

  /** Matching writes only rows (messages, publications, events): one commit per batch. */
  @Override
  public boolean groupCommit() {
    return true;
  }

  @Override
  public void handle(Event event) {
    if (event.customerId() == null || event.depth() >= EventLog.MAX_DEPTH) {
      return;
    }
    // a group-committed batch takes the live distributions and their channels as of its first
    // event, as if it had committed before any change that commits while it runs
    List<Distribution> live =
        TransactionCache.get(
            "distributions.live:" + event.projectId().value() + ":" + event.type(),
            () -> distributions.live(event.projectId(), event.type()));
    for (Distribution d : live) {
      if (fires(d, event)) {
        eventLog.asEffectOf(event, d.id(), () -> fire(d, event));
      }
    }
  }

  /**
   * The audience filter: a validation rule on the trigger decides against the event's customer,
   * order and custom event. A rule that cannot be decided (e.g. it was deleted) does not fire.
   */
  private boolean audienceAllows(Distribution d, Event event) {
    String ruleId = d.trigger().path("validation_rule_id").asString(null);
    if (ruleId == null) {
      return true;
    }
    ObjectNode data = event.data();
    RuleContext context =
        RuleContext.of(
                data.get("customer"),
                data.get("order"),
                event.createdAt(),
                projects.timeZone(d.projectId()))
            .withCustomEvent(data.get("event"));
    try {
      return rules.evaluate(d.projectId(), ruleId, context).valid();
    } catch (ApiException e) {
      log.warn(
          "Distribution {}: rule {} cannot be decided ({}); not firing",
          d.id(),
          ruleId,
          e.details());
      return false;
    }
  }

  private boolean fires(Distribution d, Event event) {
    if (event.causedBy().contains(d.id())) {
      return false; // never react to one's own effects
    }
    if (d.liveSince() == null || event.createdAt().isBefore(d.liveSince())) {
      return false; // arrived before it went live (or while it was paused)
    }
    return d.inTimeFrame(event.createdAt())
        && scopeMatches(d, event.data())
        && audienceAllows(d, event);
  }

  /** Every scope field the distribution sets must equal the event's value at one of its paths. */
  static boolean scopeMatches(Distribution d, JsonNode data) {
    Catalog.TriggerSpec spec = Catalog.trigger(d.triggerType()).orElseThrow();
    for (List<Catalog.Scope> scopes : List.of(spec.required(), spec.optional())) {
      for (Catalog.Scope scope : scopes) {
        String wanted = d.trigger().path(scope.field()).asString(null);
        if (wanted == null || scope.eventPaths().isEmpty()) {
          continue;
        }
        boolean matched =
            scope.eventPaths().stream()
                .anyMatch(path -> wanted.equals(data.at(path).asString(null)));
        if (!matched) {
          return false;
        }
      }
    }
    return true;
  }

  private Fanout.Fired fire(Distribution d, Event event) {
    List<Channel> channels =
        TransactionCache.get(
            "distributions.channels:" + d.id(), () -> messaging.channels(d.projectId(), d.id()));
    Fanout.Fired fired =
        fanout.fire(
            d,
            channels,
            new Fanout.Trigger(event.id(), envelope(event)),
            List.of(new Fanout.Recipient(event.customerId(), event.data())));
    if (fired.queued() + fired.skipped() > 0) {
      events.queued(d, event.id(), event.customerId(), fired.queued(), fired.skipped());
    }
    return fired;
  }

  /** The webhook envelope's {@code event} object for this event. */
  static ObjectNode envelope(Event event) {
    ObjectNode info = Json.object();
    info.put("id", event.id());
    info.put("type", event.type());
    info.put("created_at", Times.format(event.createdAt()));
    info.put("entity_id", event.customerId());
    info.put("group_id", event.groupId());
    info.set("event_source", Json.object().put("channel", event.channel()));
    return info;
  }
}
