package dev.herald.campaigns;

import java.util.Arrays;
import java.util.List;

/**
 * Campaign kinds as data: which voucher type a campaign makes, whether it makes codes at all, and
 * whether the core runs it by itself. Loyalty programs are run by the module implementing {@link
 * CampaignTypeSupport} for them; without one they are rejected.
 */
enum CampaignType {
  DISCOUNT_COUPONS("DISCOUNT_VOUCHER", true, true),
  GIFT_VOUCHERS("GIFT_VOUCHER", true, true),
  PROMOTION(null, false, true),
  REFERRAL_PROGRAM("DISCOUNT_VOUCHER", true, true),
  LOYALTY_PROGRAM("LOYALTY_CARD", true, false);

  final String voucherType;
  final boolean hasCodes;
  final boolean supported;

  CampaignType(String voucherType, boolean hasCodes, boolean supported) {
    this.voucherType = voucherType;
    this.hasCodes = hasCodes;
    this.supported = supported;
  }

  static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }

  /** AUTO_UPDATE grows its pool when publishing runs out; STATIC and STANDALONE never do. */
  static final List<String> POOL_TYPES = List.of("AUTO_UPDATE", "STATIC", "STANDALONE");

  static final List<String> VOUCHER_TYPES = List.of("DISCOUNT_VOUCHER", "GIFT_VOUCHER");

  /** Code types a campaign template may name (each campaign type checks its own). */
  static final List<String> TEMPLATE_TYPES =
      List.of("DISCOUNT_VOUCHER", "GIFT_VOUCHER", "LOYALTY_CARD");
}
