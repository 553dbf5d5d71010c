package dev.herald.loyalty;

import dev.herald.shared.web.Body;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How long a member keeps a tier, from the program's {@code loyalty_tiers_expiration} (see decision
 * record 0201). {@code BALANCE_DROP} (the default): the tier follows the balance at once. {@code
 * CUSTOM} with {@code extend} (an ISO-8601 period such as {@code P3M}): a tier reached is kept for
 * that long even if the balance drops; upgrades happen at once and start a new period; at the end
 * of the period a member whose balance still qualifies is prolonged by another period, else moved
 * down to the tier the balance qualifies for (or out of the tiers).
 */
record TierPolicy(String extend) {

  static final TierPolicy BALANCE_DROP = new TierPolicy(null);

  boolean keepsTiers() {
    return extend != null;
  }

  /** The end of a tier period that starts at {@code from}. */
  Instant end(Instant from, ZoneId zone) {
    Optional<Period> p = period(extend);
    if (p.isPresent()) {
      return from.atZone(zone).plus(p.get()).toInstant();
    }
    return from.plus(Duration.parse(extend));
  }

  static TierPolicy of(Optional<JsonNode> config) {
    if (config.isEmpty()) {
      return BALANCE_DROP;
    }
    JsonNode date = config.get().path("expiration_date");
    if (!"CUSTOM".equals(date.path("type").asString("BALANCE_DROP"))) {
      return BALANCE_DROP;
    }
    return new TierPolicy(date.path("extend").asString());
  }

  /** Checks a {@code loyalty_tiers_expiration} body; 400 naming the bad field. */
  static void check(Body body) {
    body.oneOf("qualification_type", List.of("BALANCE"));
    Optional<Body> date = body.object("expiration_date");
    if (date.isEmpty()) {
      return;
    }
    String type =
        date.get().oneOf("type", List.of("BALANCE_DROP", "CUSTOM")).orElse("BALANCE_DROP");
    if (type.equals("CUSTOM")) {
      String extend = date.get().requiredString("extend");
      if (!valid(extend)) {
        throw date.get().invalid("extend", "must be an ISO-8601 period such as P3M or P30D");
      }
    }
  }

  private static boolean valid(String iso) {
    if (period(iso).map(p -> !p.isNegative() && !p.isZero()).orElse(false)) {
      return true;
    }
    try {
      Duration d = Duration.parse(iso);
      return !d.isNegative() && !d.isZero();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Optional<Period> period(String iso) {
    try {
      return Optional.of(Period.parse(iso));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
