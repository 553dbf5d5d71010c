package dev.herald.messaging;

import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of channels and messages as the distributions API shows them. */
final class MessagingJson {

  private MessagingJson() {}

  static ObjectNode channel(Channel c) {
    ObjectNode out = Json.object();
    out.put("id", c.id());
    out.put("type", c.type());
    out.put("status", c.status());
    c.config().properties().forEach(e -> out.set(e.getKey(), e.getValue()));
    return out;
  }

  static ObjectNode message(Message m) {
    ObjectNode out = Json.object();
    out.put("id", m.id());
    out.put("object", "message");
    out.put("distribution_id", m.ownerId());
    out.put("channel_id", m.channelId());
    out.put("customer_id", m.customerId());
    out.put("channel", m.channelType());
    out.put("status", m.status().name());
    out.put("attempts", m.attempts());
    out.put("recovered", m.recovered());
    out.put("trigger_event_id", m.triggerId());
    out.put("voucher_code", m.voucherCode());
    out.put("created_at", Times.format(m.createdAt()));
    out.put("delivered_at", Times.format(m.deliveredAt()));
    out.put(
        "next_attempt_at",
        m.status() == MessageStatus.RETRY_SCHEDULED ? Times.format(m.nextAttemptAt()) : null);
    out.put("last_error", m.lastError());
    out.put("reason", m.reason());
    out.put("template_id", m.templateId());
    if (m.templateVersion() == null) {
      out.putNull("template_version");
    } else {
      out.put("template_version", m.templateVersion());
    }
    return out;
  }
}
