package dev.herald.messaging;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Turns what an adapter reported into the message's next state: delivered; a retry at the channel's
 * next step (never before a bounded {@code Retry-After}); or failed — permanently, or with {@code
 * retries_exhausted} after the last step, which also pauses a webhook channel.
 */
@Component
class Outcomes {

  static final int RESPONSE_EXCERPT = 2000;

  private final RetryPolicies retries;
  private final Clock clock;

  Outcomes(RetryPolicies retries, Clock clock) {
    this.retries = retries;
    this.clock = clock;
  }

  Outcome attempted(Message m, DeliveryResult result, Instant started, long durationMs) {
    Instant now = clock.instant();
    if (result instanceof DeliveryResult.Delivered) {
      return new Outcome(
          m,
          MessageStatus.DELIVERED,
          null,
          null,
          false,
          null,
          false,
          attempt(m, started, durationMs, result, "DELIVERED", null),
          null,
          false);
    }
    if (result instanceof DeliveryResult.Retryable r) {
      Instant next = retries.of(m.channelType()).next(now, m.attempts(), r.retryAfter());
      Attempt attempt = attempt(m, started, durationMs, result, "RETRYABLE", r.error());
      if (next == null) {
        return new Outcome(
            m,
            MessageStatus.FAILED,
            "retries_exhausted",
            r.error(),
            true,
            null,
            false,
            attempt,
            m.channelType().equals("webhook") ? m.channelId() : null,
            false);
      }
      return new Outcome(
          m,
          MessageStatus.RETRY_SCHEDULED,
          null,
          r.error(),
          true,
          next,
          false,
          attempt,
          null,
          false);
    }
    DeliveryResult.Permanent p = (DeliveryResult.Permanent) result;
    return new Outcome(
        m,
        MessageStatus.FAILED,
        p.reason(),
        p.error(),
        true,
        null,
        false,
        attempt(m, started, durationMs, result, "PERMANENT", p.error()),
        null,
        false);
  }

  private static Attempt attempt(
      Message m, Instant started, long durationMs, DeliveryResult r, String outcome, String error) {
    String response = r.response();
    if (response != null && response.length() > RESPONSE_EXCERPT) {
      response = response.substring(0, RESPONSE_EXCERPT);
    }
    return new Attempt(m.attempts(), started, durationMs, r.statusCode(), outcome, error, response);
  }
}
