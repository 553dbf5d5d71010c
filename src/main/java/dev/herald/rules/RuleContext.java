package dev.herald.rules;

import java.time.Instant;
import java.time.ZoneId;
import tools.jackson.databind.JsonNode;

/**
 * What a rule is decided against. Every part may be null when the context does not have it (a rule
 * that tests a missing part fails). {@code customer} and {@code order} are the Voucherify objects;
 * {@code customEvent} has the event's {@code metadata}; {@code redemption} may carry {@code
 * metadata}, {@code gift.amount}, {@code api_key}, {@code user.login} and {@code
 * holder_is_customer} (for {@code publication.redeemable_by_linked_customer}).
 */
public record RuleContext(
    JsonNode customer,
    JsonNode order,
    JsonNode customEvent,
    JsonNode redemption,
    Counters counters,
    Instant now,
    ZoneId zone) {

  public RuleContext {
    counters = counters == null ? Counters.NONE : counters;
    zone = zone == null ? ZoneId.of("UTC") : zone;
  }

  public static RuleContext of(JsonNode customer, JsonNode order, Instant now, ZoneId zone) {
    return new RuleContext(customer, order, null, null, Counters.NONE, now, zone);
  }

  public RuleContext withCustomEvent(JsonNode event) {
    return new RuleContext(customer, order, event, redemption, counters, now, zone);
  }

  public RuleContext withRedemption(JsonNode value) {
    return new RuleContext(customer, order, customEvent, value, counters, now, zone);
  }

  public RuleContext withCounters(Counters value) {
    return new RuleContext(customer, order, customEvent, redemption, value, now, zone);
  }

  public RuleContext withOrder(JsonNode value) {
    return new RuleContext(customer, value, customEvent, redemption, counters, now, zone);
  }
}
