package dev.herald.messaging;

/**
 * {@code QUEUED → SENDING → DELIVERED | RETRY_SCHEDULED → … → FAILED}; {@code SKIPPED(reason)};
 * {@code HELD} while its channel is paused.
 */
public enum MessageStatus {
  QUEUED,
  SENDING,
  DELIVERED,
  RETRY_SCHEDULED,
  FAILED,
  SKIPPED,
  HELD
}
