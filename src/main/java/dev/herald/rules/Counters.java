package dev.herald.rules;

import java.util.OptionalLong;

/**
 * Counters a rule may test, supplied by the caller that knows them: {@code
 * campaign.redemptions.count}, {@code campaign.redemptions.count.daily}, {@code
 * campaign.redemptions.customers_count}, {@code campaign.orders.amount}, {@code
 * redemption.count.per_customer}, ... Asked lazily, only for the names a rule uses; empty when the
 * counter does not apply to this context (the condition then fails).
 */
@FunctionalInterface
public interface Counters {

  OptionalLong value(String name);

  Counters NONE = name -> OptionalLong.empty();
}
