package dev.herald.distributions;

/**
 * Automatic: {@code DRAFT → LIVE ⇄ PAUSED → FINISHED}. Manual: {@code DRAFT → SCHEDULED →
 * (WAITING_FOR_SEGMENT_SYNC →) SENDING (⇄ PAUSED) → SENT}, or {@code CANCELED}, {@code FAILED}. Any
 * → {@code DELETED} (hidden from lists, kept in history).
 */
public enum DistributionStatus {
  DRAFT,
  LIVE,
  PAUSED,
  FINISHED,
  SCHEDULED,
  WAITING_FOR_SEGMENT_SYNC,
  SENDING,
  SENT,
  CANCELED,
  FAILED,
  DELETED;

  /** Voucherify's payload vocabulary ({@code TO SEND, PAUSED, DONE, DRAFT}). */
  public String voucherifyStatus() {
    return switch (this) {
      case DRAFT -> "DRAFT";
      case LIVE, SCHEDULED, WAITING_FOR_SEGMENT_SYNC, SENDING -> "TO SEND";
      case PAUSED -> "PAUSED";
      case FINISHED, SENT, CANCELED, FAILED, DELETED -> "DONE";
    };
  }

  /** Still in the manual delay window: editable and cancellable. */
  boolean beforeSending() {
    return this == SCHEDULED || this == WAITING_FOR_SEGMENT_SYNC;
  }
}
