/**
 * Campaigns and everything about codes: campaigns (DISCOUNT_COUPONS, GIFT_VOUCHERS, PROMOTION with
 * tiers, REFERRAL_PROGRAM), code configs and generation, vouchers with QR/barcode assets, gift
 * balances, publications (the facade distributions publish through), validations, redemptions and
 * rollbacks. Owns {@code campaign}, {@code promotion_tier}, {@code voucher}, {@code
 * voucher_transaction}, {@code publication}, {@code redemption}, {@code redemption_rollback}. Emits
 * {@code customer.publication.succeeded}, {@code voucher.published}, {@code
 * customer.redemption.succeeded|failed}, {@code customer.redemption.rollback.succeeded}, {@code
 * customer.voucher.gift.balance_added}, and the project-level {@code campaign.*}, {@code voucher.*}
 * and {@code campaign.promotion_tier.*} events. Keeps the customer's {@code summary.redemptions}.
 */
package dev.herald.campaigns;
