package dev.herald.distributions;

import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import dev.herald.eventlog.EventLog;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.messaging.NewMessage;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns facts into messages. For each event of a trigger type: every LIVE distribution of the
 * project with that trigger whose scope matches, which went live before the event and whose time
 * frame holds it, and which did not cause the event itself, gets one message per channel. All of it
 * commits with the event's consumer task, and the message key (channel, event, customer) makes a
 * redelivered event a no-op.
 */
@Component
class TriggerMatcher implements EventConsumer {

  private final DistributionRepository distributions;
  private final Messaging messaging;
  private final EventLog eventLog;

  TriggerMatcher(DistributionRepository distributions, Messaging messaging, EventLog eventLog) {
    this.distributions = distributions;
    this.messaging = messaging;
    this.eventLog = eventLog;
  }

  @Override
  public String name() {
    return "distributions.matcher";
  }

  @Override
  public boolean accepts(String eventType) {
    return Catalog.isTriggerType(eventType);
  }

  @Override
  public int threads() {
    return 2;
  }

  @Override
  public void handle(Event event) {
    if (event.customerId() == null || event.depth() >= EventLog.MAX_DEPTH) {
      return;
    }
    for (Distribution d : distributions.live(event.projectId(), event.type())) {
      if (fires(d, event)) {
        eventLog.asEffectOf(event, d.id(), () -> run(d, event));
      }
    }
  }

  private boolean fires(Distribution d, Event event) {
    if (event.causedBy().contains(d.id())) {
      return false; // never react to one's own effects
    }
    if (d.liveSince() == null || event.createdAt().isBefore(d.liveSince())) {
      return false; // arrived before it went live (or while it was paused)
    }
    return d.inTimeFrame(event.createdAt()) && scopeMatches(d, event);
  }

  private static boolean scopeMatches(Distribution d, Event event) {
    if (event.type().equals("customer.custom_event")) {
      String wanted = d.trigger().path("custom_event").asString("");
      return wanted.equals(event.data().path("event").path("type").asString(null));
    }
    return true;
  }

  private Void run(Distribution d, Event event) {
    List<Channel> channels = messaging.channels(d.projectId(), d.id());
    ObjectNode context = context(d, channels, event);
    for (Channel channel : channels) {
      messaging.enqueue(
          new NewMessage(
              d.projectId(), d.id(), channel, event.customerId(), event.id(), context, null));
    }
    return null;
  }

  /** The message's variable snapshot: the event's envelope fields and its data. */
  private static ObjectNode context(Distribution d, List<Channel> channels, Event event) {
    ObjectNode eventInfo = Json.object();
    eventInfo.put("id", event.id());
    eventInfo.put("type", event.type());
    eventInfo.put("created_at", Times.format(event.createdAt()));
    eventInfo.put("entity_id", event.customerId());
    eventInfo.put("group_id", event.groupId());
    eventInfo.set("event_source", Json.object().put("channel", event.channel()));
    ObjectNode data = event.data().deepCopy();
    data.set("distribution", Distributions.simple(d, channels));
    ObjectNode context = Json.object();
    context.set("event", eventInfo);
    context.set("data", data);
    return context;
  }
}
