package dev.herald.templates;

import java.time.Instant;

/**
 * One entry of a customer's cockpit. {@code kind}: {@code code} (a discount code), {@code
 * gift_card}, {@code loyalty_card}, {@code referral_code} or {@code loyalty_program} (points and
 * tier without a card). {@code value} is in words ({@code 10%}, {@code 75.00}, {@code 450 points});
 * {@code detail} adds e.g. the tier. Items with a code show its QR code.
 */
public record WalletItem(
    String kind,
    String code,
    String title,
    String value,
    String detail,
    Instant expiresAt,
    boolean active) {

  public static final String CODE = "code";
  public static final String GIFT_CARD = "gift_card";
  public static final String LOYALTY_CARD = "loyalty_card";
  public static final String REFERRAL_CODE = "referral_code";
  public static final String LOYALTY_PROGRAM = "loyalty_program";
}
