package dev.herald.distributions;

import dev.herald.campaigns.KnownCustomer;
import dev.herald.eventlog.EventLog;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.messaging.NewMessage;
import dev.herald.shared.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a distribution's action for its recipients and queues one message per recipient and channel,
 * in the caller's transaction — one recipient of an event, or a manual send's batch of a thousand,
 * through the same path. The message key (channel, trigger, customer) makes a repeat a no-op; the
 * action's own key (distribution, trigger, customer) makes its effect — a published code — happen
 * once, so a message never goes without its code and a code is never published twice.
 */
@Component
class Fanout {

  private final Messaging messaging;
  private final Actions actions;
  private final EventLog eventLog;

  Fanout(Messaging messaging, Actions actions, EventLog eventLog) {
    this.eventLog = eventLog;
    this.messaging = messaging;
    this.actions = actions;
  }

  /** The trigger of a batch: its id and the envelope its messages carry. */
  record Trigger(String id, ObjectNode event) {}

  /**
   * One recipient and the trigger data their messages render from; {@code fresh}, when not null, is
   * the customer as read in this transaction, whose object {@code data.customer} is.
   */
  record Recipient(String customerId, ObjectNode data, KnownCustomer fresh) {

    Recipient(String customerId, ObjectNode data) {
      this(customerId, data, null);
    }
  }

  /** How many messages were queued, and how many recorded as skipped. */
  record Fired(int queued, int skipped) {}

  Fired fire(Distribution d, List<Channel> channels, Trigger trigger, List<Recipient> recipients) {
    if (recipients.isEmpty() || channels.isEmpty()) {
      return new Fired(0, 0);
    }
    ObjectNode distribution = Distributions.simple(d, channels);
    List<String> customerIds = new ArrayList<>(recipients.size());
    List<ObjectNode> data = new ArrayList<>(recipients.size());
    Map<String, KnownCustomer> known = new HashMap<>();
    for (Recipient r : recipients) {
      customerIds.add(r.customerId());
      if (r.fresh() != null) {
        known.put(r.customerId(), r.fresh());
      }
      // only top-level members are added below: the recipient's objects are shared, not copied
      ObjectNode copy = Json.object().setAll(r.data());
      copy.set("distribution", distribution);
      data.add(copy);
    }
    // a manual send has no causing event: its publications are still the distribution's own
    List<Actions.Outcome> outcomes =
        eventLog.actingFor(d.id(), () -> actions.run(d, customerIds, trigger.id(), data, known));
    List<Messaging.Outgoing> batch = new ArrayList<>(recipients.size() * channels.size());
    for (int i = 0; i < recipients.size(); i++) {
      ObjectNode context = Json.object();
      context.set("event", trigger.event());
      context.set("data", data.get(i));
      Actions.Outcome outcome = outcomes.get(i);
      for (Channel channel : channels) {
        batch.add(
            new Messaging.Outgoing(
                new NewMessage(
                    d.projectId(),
                    d.id(),
                    channel,
                    customerIds.get(i),
                    trigger.id(),
                    context,
                    outcome.voucherCode(),
                    outcome.base()),
                outcome.skipReason()));
      }
    }
    Messaging.Enqueued enqueued = messaging.enqueueAll(batch);
    return new Fired(enqueued.queued(), enqueued.skipped());
  }
}
