package dev.herald.distributions;

import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a distribution does for a recipient before messaging them: publish a unique code, attach a
 * promotion tier, or nothing beyond the trigger's own data (plain and trigger-specific messages).
 * It adds what it produced to the message variables.
 */
@Component
class Actions {

  /** The action's result: the code it published, or why the recipient's messages are skipped. */
  record Outcome(String voucherCode, String skipReason) {
    static final Outcome NOTHING = new Outcome(null, null);
  }

  Outcome run(Distribution d, String customerId, String triggerId, ObjectNode data) {
    String type =
        d.action() == null ? "plain_message" : d.action().path("type").asString("plain_message");
    return switch (type) {
      case "published_code_message" ->
          new Outcome(data.path("voucher").path("code").asString(null), null);
      default -> Outcome.NOTHING;
    };
  }
}
