package dev.herald.distributions;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.messaging.Messaging;
import dev.herald.shared.json.Json;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The distribution's own facts in the event log: every status change ({@code distribution.live},
 * {@code distribution.paused}, {@code distribution.scheduled}, {@code distribution.sending}, {@code
 * distribution.sent}, {@code distribution.canceled}, {@code distribution.finished}, ...) and every
 * batch of messages it queued ({@code distribution.messages.queued}).
 */
@Component
class DistributionEvents {

  private final EventLog eventLog;
  private final Messaging messaging;

  DistributionEvents(EventLog eventLog, Messaging messaging) {
    this.eventLog = eventLog;
    this.messaging = messaging;
  }

  void statusChanged(Distribution d) {
    ObjectNode data = Json.object();
    data.set("distribution", Distributions.simple(d, messaging.channels(d.projectId(), d.id())));
    data.put("status", d.status().name());
    eventLog.append(
        NewEvent.of(d.projectId(), "distribution." + d.status().name().toLowerCase(), null, data)
            .forDistribution(d.id()));
  }

  /**
   * Messages queued for one trigger (an event, or a manual batch): for one customer, the event goes
   * to their activity feed too.
   */
  void queued(Distribution d, String triggerId, String customerId, int queued, int skipped) {
    ObjectNode data = Json.object();
    data.set(
        "distribution",
        Json.object().put("id", d.id()).put("object", "distribution").put("name", d.name()));
    data.put("trigger_id", triggerId);
    data.put("queued", queued);
    data.put("skipped", skipped);
    eventLog.append(
        NewEvent.of(d.projectId(), "distribution.messages.queued", customerId, data)
            .forDistribution(d.id()));
  }
}
