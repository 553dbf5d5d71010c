package dev.herald.loyalty;

import dev.herald.shared.web.Body;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * When added points expire under a program's {@code loyalty_card.expiration_rules}: {@code
 * period_value} × {@code period_type} (MONTH or DAY) after they are added, then moved to the end of
 * the month, quarter, half-year, year or a given month ({@code rounding_type}, {@code
 * rounding_value}). Points expire at the end of that day in the project's time zone.
 */
final class PointsExpiration {

  static final List<String> PERIODS = List.of("MONTH", "DAY");
  static final List<String> ROUNDINGS =
      List.of(
          "END_OF_MONTH", "END_OF_QUARTER", "END_OF_HALF_YEAR", "END_OF_YEAR", "PARTICULAR_MONTH");

  private PointsExpiration() {}

  /** Checks {@code expiration_rules} of a card template; 400 naming the bad field. */
  static void check(Body rules) {
    rules
        .oneOf("period_type", PERIODS)
        .orElseThrow(() -> rules.invalid("period_type", "is required (MONTH or DAY)"));
    long value =
        rules
            .integer("period_value")
            .orElseThrow(() -> rules.invalid("period_value", "is required"));
    if (value < 1 || value > 1200) {
      throw rules.invalid("period_value", "must be between 1 and 1200");
    }
    Optional<String> rounding = rules.oneOf("rounding_type", ROUNDINGS);
    if (rounding.isPresent() && rounding.get().equals("PARTICULAR_MONTH")) {
      long month =
          rules
              .integer("rounding_value")
              .orElseThrow(() -> rules.invalid("rounding_value", "is required (1-12)"));
      if (month < 1 || month > 12) {
        throw rules.invalid("rounding_value", "must be a month 1-12");
      }
    }
  }

  /** The expiry of points added at {@code now}, or empty when the rules do not expire them. */
  static Optional<Instant> of(JsonNode rules, Instant now, ZoneId zone) {
    if (rules == null || !rules.isObject() || !rules.path("period_value").isNumber()) {
      return Optional.empty();
    }
    LocalDate day = now.atZone(zone).toLocalDate();
    long n = rules.path("period_value").asLong();
    day =
        rules.path("period_type").asString("MONTH").equals("DAY")
            ? day.plusDays(n)
            : day.plusMonths(n);
    day = round(day, rules.path("rounding_type").asString(""), rules.path("rounding_value"));
    return Optional.of(day.plusDays(1).atStartOfDay(zone).toInstant());
  }

  private static LocalDate round(LocalDate day, String rounding, JsonNode value) {
    switch (rounding) {
      case "END_OF_MONTH":
        return day.withDayOfMonth(day.lengthOfMonth());
      case "END_OF_QUARTER":
        return endOfMonth(day, ((day.getMonthValue() - 1) / 3 + 1) * 3);
      case "END_OF_HALF_YEAR":
        return endOfMonth(day, day.getMonthValue() <= 6 ? 6 : 12);
      case "END_OF_YEAR":
        return endOfMonth(day, 12);
      case "PARTICULAR_MONTH":
        int month = value.asInt(12);
        LocalDate candidate = endOfMonth(day, month);
        return candidate.isBefore(day) ? endOfMonth(day.plusYears(1), month) : candidate;
      default:
        return day;
    }
  }

  private static LocalDate endOfMonth(LocalDate day, int month) {
    LocalDate first = day.withDayOfMonth(1).withMonth(month);
    return first.withDayOfMonth(first.lengthOfMonth());
  }
}
