/**
 * Loyalty programs and referrals. Runs {@code LOYALTY_PROGRAM} campaigns for the campaigns module
 * (through its {@code CampaignTypeSupport} SPI): members (loyalty cards published to customers),
 * the points ledger (every change a transaction whose sum is the balance), expiring points and the
 * background expiry job, tiers with their expiration policy, earning rules reacting to the event
 * log, rewards and reward redemption; and the conversions and rewards of {@code REFERRAL_PROGRAM}
 * campaigns. Keeps the customer's {@code loyalty} and {@code referrals} read models. Owns {@code
 * loyalty_program}, {@code loyalty_card}, {@code loyalty_transaction}, {@code
 * loyalty_points_bucket}, {@code loyalty_tier}, {@code earning_rule}, {@code reward}, {@code
 * reward_assignment}, {@code reward_redemption} and {@code referral}. Emits {@code
 * customer.voucher.loyalty_card.points_added}, {@code
 * customer.voucher.loyalty_card.points_expired}, {@code customer.rewarded.loyalty_points}, {@code
 * customer.loyalty.tier.joined|left|upgraded|downgraded|prolonged}, {@code customer.rewarded},
 * {@code customer.reward_redemptions.completed} and {@code customer.referred}.
 */
package dev.herald.loyalty;
