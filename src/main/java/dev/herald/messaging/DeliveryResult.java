package dev.herald.messaging;

import java.time.Duration;

/** What a channel adapter reports for one attempt. */
sealed interface DeliveryResult {

  /** The attempt's facts for the attempt log. */
  Integer statusCode();

  String response();

  record Delivered(Integer statusCode, String response) implements DeliveryResult {}

  /** Worth trying again; {@code retryAfter} is the receiver's own hint, if any. */
  record Retryable(String error, Integer statusCode, String response, Duration retryAfter)
      implements DeliveryResult {}

  /** Trying again would not help (bad address, refused target, 4xx validation). */
  record Permanent(String reason, String error, Integer statusCode, String response)
      implements DeliveryResult {}
}
