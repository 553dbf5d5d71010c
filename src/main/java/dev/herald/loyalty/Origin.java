package dev.herald.loyalty;

/**
 * Where a points change comes from: the caller's {@code source_id} and {@code reason} (manual
 * changes), or the cause's {@code key} (automatic changes: earning rule and event, reward
 * redemption, referral, expiry). Either makes a repeat of the same change return the first one.
 */
record Origin(
    String sourceId, String source, String reason, String key, String relatedTransactionId) {

  static Origin manual(String sourceId, String reason) {
    return new Origin(sourceId, "API", reason, null, null);
  }

  static Origin automatic(String key, String reason) {
    return new Origin(null, "AUTOMATION", reason, key, null);
  }
}
