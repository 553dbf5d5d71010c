package dev.herald.distributions;

import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.messaging.NewMessage;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a distribution's action for one recipient and queues one message per channel, in the
 * caller's transaction. The message key (channel, trigger, customer) makes a repeat a no-op; the
 * action's own key (distribution, trigger, customer) makes its effect — a published code — happen
 * once, so a message never goes without its code and a code is never published twice.
 */
@Component
class Fanout {

  private final Messaging messaging;
  private final Actions actions;

  Fanout(Messaging messaging, Actions actions) {
    this.messaging = messaging;
    this.actions = actions;
  }

  /** The trigger of one recipient's messages: its id and the envelope/variables it carries. */
  record Trigger(String id, ObjectNode event, ObjectNode data) {}

  /** How many of the recipient's messages were queued, and how many recorded as skipped. */
  record Fired(int queued, int skipped) {}

  Fired fire(Distribution d, List<Channel> channels, String customerId, Trigger trigger) {
    ObjectNode data = trigger.data().deepCopy();
    data.set("distribution", Distributions.simple(d, channels));
    Actions.Outcome outcome = actions.run(d, customerId, trigger.id(), data);
    ObjectNode context = dev.herald.shared.json.Json.object();
    context.set("event", trigger.event());
    context.set("data", data);
    int queued = 0;
    int skipped = 0;
    for (Channel channel : channels) {
      NewMessage message =
          new NewMessage(
              d.projectId(),
              d.id(),
              channel,
              customerId,
              trigger.id(),
              context,
              outcome.voucherCode());
      if (outcome.skipReason() != null) {
        if (messaging.skip(message, outcome.skipReason())) {
          skipped++;
        }
      } else if (messaging.enqueue(message)) {
        queued++;
      }
    }
    return new Fired(queued, skipped);
  }
}
