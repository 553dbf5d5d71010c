package dev.herald.analytics;

/**
 * Message counts of a channel, a bucket or a whole distribution. See {@code
 * docs/decisions/0700-delivery-analytics.md} for what each one counts and when.
 */
record DeliveryCounts(
    long queued, long sent, long delivered, long failed, long recovered, long skipped) {

  static final DeliveryCounts ZERO = new DeliveryCounts(0, 0, 0, 0, 0, 0);

  DeliveryCounts plus(DeliveryCounts o) {
    return new DeliveryCounts(
        queued + o.queued,
        sent + o.sent,
        delivered + o.delivered,
        failed + o.failed,
        recovered + o.recovered,
        skipped + o.skipped);
  }

  boolean isZero() {
    return equals(ZERO);
  }
}
