package dev.herald.loyalty;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change of a card's points. {@code points} is signed. Additions expire by {@code
 * expirationType}: {@code PROGRAM_RULES} (the program's {@code expiration_rules}), {@code
 * CUSTOM_DATE} ({@code expirationDate}) or {@code NON_EXPIRING}. {@code details} adds to the
 * transaction's details (order, event, earning_rule, reward, ...).
 */
record PointsChange(
    String type,
    long points,
    Origin origin,
    String expirationType,
    Instant expirationDate,
    ObjectNode details,
    String operationType) {

  static final String ADDITION = "POINTS_ADDITION";
  static final String REMOVAL = "POINTS_REMOVAL";
  static final String ACCRUAL = "POINTS_ACCRUAL";
  static final String REDEMPTION = "POINTS_REDEMPTION";
  static final String EXPIRATION = "POINTS_EXPIRATION";
  static final String TRANSFER_IN = "POINTS_TRANSFER_IN";
  static final String TRANSFER_OUT = "POINTS_TRANSFER_OUT";

  static PointsChange automatic(String type, long points, Origin origin, ObjectNode details) {
    return new PointsChange(type, points, origin, "PROGRAM_RULES", null, details, "AUTOMATIC");
  }
}
