/**
 * Validation rules: the rule tree ({@code rules} with numbered entries and a {@code logic}
 * expression), their assignments to campaigns, vouchers, promotion tiers, distributions and other
 * objects, and the pure evaluator that decides a rule against a context (customer, order, custom
 * event metadata, campaign and redemption counters). Used by redemptions and validations, and by
 * distributions as an audience filter. Customer segment membership comes from whichever module
 * implements the {@link dev.herald.rules.CustomerSegments} SPI. Owns {@code validation_rule} and
 * {@code validation_rule_assignment}. Emits {@code
 * business_validation_rule.created|updated|deleted} and {@code
 * business_validation_rule.assignment.created|deleted}.
 */
package dev.herald.rules;
