package dev.herald.messaging;

import java.time.Instant;

/**
 * One recorded change of a message. {@code message} is the message as it was before the change (as
 * claimed for a send), or as inserted when {@code created}; {@code status} is where it is now, with
 * {@code reason}/{@code error}; {@code at} is when the change was recorded (the row's {@code
 * updated_at}, and its {@code delivered_at} for a delivery); {@code attempt} is the send attempt
 * this change records (null when none was made: inserted, skipped, held, deferred or released).
 */
public record MessageChange(
    Message message,
    boolean created,
    MessageStatus status,
    String reason,
    String error,
    Instant at,
    Attempt attempt,
    Instant nextAttemptAt) {

  /** The first send attempt of the message whose outcome is on record (interrupted ones aside). */
  public boolean firstAttempt() {
    return attempt != null && message.failedAttempts() == 0;
  }

  /** The message failed an attempt for the first time (retried later or not). */
  public boolean firstFailure() {
    return firstAttempt()
        && (status == MessageStatus.RETRY_SCHEDULED || status == MessageStatus.FAILED);
  }

  /** Delivered after at least one failed attempt. */
  public boolean recovered() {
    return status == MessageStatus.DELIVERED && message.failedAttempts() > 0;
  }

  /** Skipped: on insert (e.g. no code left) or by the send policy. */
  public boolean skipped() {
    return status == MessageStatus.SKIPPED;
  }

  /** The change that inserting a message records: the message as inserted. */
  static MessageChange inserted(
      String id, NewMessage m, MessageStatus status, String reason, Instant now) {
    Message inserted = m.inserted(id, status, reason, now);
    return new MessageChange(inserted, true, status, reason, null, now, null, now);
  }
}
