package dev.herald.messaging;

import dev.herald.shared.web.Body;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One channel type (webhook, email, ...): how its settings are validated and how one message is
 * delivered. Adapters never decide retries; they report what happened.
 */
interface ChannelAdapter {

  String type();

  /**
   * Validates a channel's settings and returns them normalized. With {@code complete} every setting
   * needed to send must be present (going live); without, a draft may be partial.
   */
  ObjectNode settings(Body body, boolean complete, ChannelContext context);

  /**
   * The part of the settings that is a versioned template (saved as a new template version when it
   * changes; messages keep the version they were queued with), or null.
   */
  default JsonNode template(ObjectNode settings) {
    return null;
  }

  /** Whether a send needs the recipient's current profile (address, consent, source id). */
  default boolean addressesCustomer() {
    return false;
  }

  DeliveryResult deliver(Delivery delivery);
}
