package dev.herald.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed message again: the channel's schedule of delays between attempts, plus
 * random jitter (a fraction of the delay, so failures of many messages do not retry in lockstep),
 * and never before the receiver's {@code Retry-After} (capped at 24 h). Past the last step: no more
 * attempts.
 */
final class RetryPolicy {

  static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  private final List<Duration> schedule;
  private final double jitter;

  RetryPolicy(List<Duration> schedule, double jitter) {
    this.schedule = List.copyOf(schedule);
    this.jitter = jitter;
  }

  int maxAttempts() {
    return schedule.size() + 1;
  }

  /** The next attempt after {@code attemptsMade} attempts, or null when none is left. */
  Instant next(Instant now, int attemptsMade, Duration retryAfter) {
    if (attemptsMade >= maxAttempts()) {
      return null;
    }
    Duration delay = schedule.get(attemptsMade - 1);
    long jitterMillis =
        (long) (delay.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
    delay = delay.plusMillis(jitterMillis);
    if (retryAfter != null) {
      Duration bounded = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
      if (bounded.compareTo(delay) > 0) {
        delay = bounded;
      }
    }
    return now.plus(delay);
  }
}
