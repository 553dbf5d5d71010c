package dev.herald.messaging;

import java.time.Instant;

/**
 * What becomes of one claimed message, to be recorded: its new status (with reason, error and next
 * attempt), whether the claim's attempt is taken back ({@code uncount}: skipped, held, deferred or
 * released messages were not sent), the attempt to log if one was made, and the channel to pause (a
 * webhook whose retries ran out).
 */
record Outcome(
    Message message,
    MessageStatus status,
    String reason,
    String error,
    boolean failed,
    Instant next,
    boolean uncount,
    Attempt attempt,
    String pauseChannel,
    boolean counted) {

  /** The same outcome, marking the message as counted toward the project's limits. */
  Outcome counted(boolean now) {
    return now == counted
        ? this
        : new Outcome(
            message, status, reason, error, failed, next, uncount, attempt, pauseChannel, now);
  }

  /** The status of a message that goes back to waiting (it was not sent now). */
  private static MessageStatus waiting(Message m) {
    return m.attempts() <= 1 ? MessageStatus.QUEUED : MessageStatus.RETRY_SCHEDULED;
  }

  static Outcome release(Message m) {
    return new Outcome(
        m,
        waiting(m),
        m.reason(),
        m.lastError(),
        false,
        m.nextAttemptAt(),
        true,
        null,
        null,
        false);
  }

  static Outcome defer(Message m, Instant at) {
    return new Outcome(
        m, waiting(m), m.reason(), m.lastError(), false, at, true, null, null, false);
  }

  static Outcome hold(Message m) {
    return new Outcome(
        m,
        MessageStatus.HELD,
        m.reason(),
        m.lastError(),
        false,
        m.nextAttemptAt(),
        true,
        null,
        null,
        false);
  }

  static Outcome skip(Message m, String reason) {
    return new Outcome(
        m, MessageStatus.SKIPPED, reason, null, false, null, true, null, null, false);
  }
}
