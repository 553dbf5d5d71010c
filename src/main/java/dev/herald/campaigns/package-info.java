/**
 * Campaigns and everything about codes: campaigns (DISCOUNT_COUPONS, GIFT_VOUCHERS, PROMOTION with
 * tiers, REFERRAL_PROGRAM), code configs and generation, vouchers with QR/barcode assets, gift
 * balances, publications (the facade distributions publish through), validations, redemptions and
 * rollbacks. Campaign types it stores but does not run by itself (loyalty programs) are run by the
 * module implementing {@link dev.herald.campaigns.CampaignTypeSupport} for them. Owns {@code
 * campaign}, {@code campaign_voucher_count}, {@code promotion_tier}, {@code voucher}, {@code
 * voucher_transaction}, {@code publication}, {@code redemption}, {@code redemption_rollback}. Emits
 * {@code customer.publication.succeeded}, {@code voucher.published}, {@code
 * customer.redemption.succeeded|failed}, {@code customer.redemption.rollback.succeeded}, {@code
 * customer.voucher.gift.balance_added}, and the project-level {@code campaign.*}, {@code voucher.*}
 * and {@code campaign.promotion_tier.*} events. Keeps the customer's {@code summary.redemptions}.
 */
package dev.herald.campaigns;
