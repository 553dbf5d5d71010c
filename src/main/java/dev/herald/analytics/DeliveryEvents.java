package dev.herald.analytics;

import dev.herald.eventlog.NewEvent;
import dev.herald.messaging.Message;
import dev.herald.messaging.MessageChange;
import dev.herald.messaging.MessageStatus;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer activity of deliveries, in Voucherify's names: {@code customer.<channel>.sent}
 * (delivered at the first attempt), {@code .recovered} (delivered after failed attempts), {@code
 * .failed} (the first failed attempt, retried or not, and the final failure after retries) and
 * Herald's {@code .skipped} (not sent: unsubscribed, no address, no code left, ...). Data: {@code
 * {customer, distribution{}, sent_at|failed_at|skipped_at}} as the reference lists, plus the
 * channel, its id and the message's id, attempts and reason. Each event carries the distribution
 * id, so it shows in the distribution's activity and live stream too.
 */
final class DeliveryEvents {

  private static final List<String> CUSTOMER_FIELDS =
      List.of("id", "source_id", "name", "email", "phone", "metadata");

  private DeliveryEvents() {}

  /** The event a change makes, or null (queued, held, deferred, a retry's repeated failure). */
  static NewEvent of(MessageChange c) {
    Message m = c.message();
    String what;
    if (c.status() == MessageStatus.DELIVERED) {
      what = c.recovered() ? "recovered" : "sent";
    } else if (c.firstFailure() || (c.status() == MessageStatus.FAILED && c.attempt() != null)) {
      what = "failed";
    } else if (c.skipped()) {
      what = "skipped";
    } else {
      return null;
    }
    ObjectNode data = Json.object();
    data.set("customer", customer(m));
    JsonNode distribution = m.context().path("data").path("distribution");
    data.set(
        "distribution",
        distribution.isObject()
            ? distribution
            : Json.object().put("id", m.ownerId()).put("object", "distribution"));
    data.put("channel", m.channelType());
    data.put("channel_id", m.channelId());
    data.put("message_id", m.id());
    data.put("trigger_id", m.triggerId());
    if (c.attempt() != null) {
      data.put("attempts", c.attempt().attempt());
    }
    switch (what) {
      case "sent", "recovered" -> data.put("sent_at", Times.format(c.at()));
      case "failed" -> {
        data.put("failed_at", Times.format(c.at()));
        data.put("reason", c.reason());
        data.put("error", c.error());
        boolean retrying = c.status() == MessageStatus.RETRY_SCHEDULED;
        data.put("will_retry", retrying);
        data.put("next_attempt_at", retrying ? Times.format(c.nextAttemptAt()) : null);
      }
      default -> {
        data.put("skipped_at", Times.format(c.at()));
        data.put("reason", c.reason());
      }
    }
    return new NewEvent(
        m.projectId(),
        "customer." + m.channelType() + "." + what,
        m.customerId(),
        data,
        m.ownerId());
  }

  /** The recipient as the message's snapshot has them, brief. */
  private static ObjectNode customer(Message m) {
    JsonNode snapshot = m.context().path("data").path("customer");
    ObjectNode out = Json.object();
    if (snapshot.isObject() && m.customerId().equals(snapshot.path("id").asString(null))) {
      for (String field : CUSTOMER_FIELDS) {
        if (snapshot.has(field)) {
          out.set(field, snapshot.get(field));
        }
      }
    } else {
      out.put("id", m.customerId());
    }
    out.put("object", "customer");
    return out;
  }
}
