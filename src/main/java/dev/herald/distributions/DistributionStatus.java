package dev.herald.distributions;

/**
 * Automatic: {@code DRAFT → LIVE ⇄ PAUSED → FINISHED}; any → {@code DELETED} (kept, hidden). Manual
 * statuses come with manual sends.
 */
public enum DistributionStatus {
  DRAFT,
  LIVE,
  PAUSED,
  FINISHED,
  DELETED;

  /** Voucherify's payload vocabulary ({@code TO SEND, PAUSED, DONE, DRAFT}). */
  public String voucherifyStatus() {
    return switch (this) {
      case DRAFT -> "DRAFT";
      case LIVE -> "TO SEND";
      case PAUSED -> "PAUSED";
      case FINISHED, DELETED -> "DONE";
    };
  }
}
