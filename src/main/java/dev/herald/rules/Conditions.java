package dev.herald.rules;

import dev.herald.shared.Times;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The condition operators of reference §2.10, applied to one resolved value. A missing value fails
 * every operator except {@code $is_not}, {@code $not_in}, {@code $not_intersect} and {@code
 * $is_unknown}. Array values (segments, item lists) match element-wise.
 */
final class Conditions {

  static final Set<String> OPERATORS =
      Set.of(
          "$is",
          "$is_not",
          "$in",
          "$not_in",
          "$less_than",
          "$less_than_or_equal",
          "$more_than",
          "$more_than_or_equal",
          "$more_than_equal",
          "$less_than_equal",
          "$starts_with",
          "$ends_with",
          "$contains",
          "$not_contain",
          "$has_value",
          "$is_unknown",
          "$timeframe",
          "$timeframe_absolute",
          "$timeframe_daily_hours",
          "$dow",
          "$count",
          "$count_more",
          "$count_less",
          "$not_differ",
          "$not_intersect",
          "$from",
          "$after",
          "$before",
          "$more_than_ago",
          "$less_than_ago",
          "$is_days_ago",
          "$more_than_future",
          "$less_than_future",
          "$is_days_in_future");

  private Conditions() {}

  static boolean test(String op, JsonNode actual, JsonNode expected, Instant now, ZoneId zone) {
    List<JsonNode> values = list(expected);
    boolean missing = actual == null || actual.isMissingNode() || actual.isNull();
    switch (op) {
      case "$is_unknown":
        return missing;
      case "$has_value":
        return !missing;
      case "$is_not":
      case "$not_in":
        return missing || noneMatch(actual, values);
      case "$not_intersect":
        return missing || noneMatch(actual, values);
      default:
        break;
    }
    if (missing) {
      return false;
    }
    switch (op) {
      case "$is":
      case "$in":
        return anyMatch(actual, values);
      case "$not_differ":
        return elements(actual).stream().allMatch(a -> contains(values, a))
            && values.stream().allMatch(v -> contains(elements(actual), v));
      case "$less_than":
        return compare(actual, first(values, op)) < 0;
      case "$less_than_or_equal":
      case "$less_than_equal":
        return compare(actual, first(values, op)) <= 0;
      case "$more_than":
        return compare(actual, first(values, op)) > 0;
      case "$more_than_or_equal":
      case "$more_than_equal":
      case "$from":
        return compare(actual, first(values, op)) >= 0;
      case "$starts_with":
        return anyElement(actual, a -> values.stream().anyMatch(v -> text(a).startsWith(text(v))));
      case "$ends_with":
        return anyElement(actual, a -> values.stream().anyMatch(v -> text(a).endsWith(text(v))));
      case "$contains":
        return actual.isArray()
            ? values.stream().allMatch(v -> contains(elements(actual), v))
            : values.stream().anyMatch(v -> text(actual).contains(text(v)));
      case "$not_contain":
        return actual.isArray()
            ? values.stream().noneMatch(v -> contains(elements(actual), v))
            : values.stream().noneMatch(v -> text(actual).contains(text(v)));
      case "$count":
        return count(actual) == number(first(values, op)).longValue();
      case "$count_more":
        return count(actual) > number(first(values, op)).longValue();
      case "$count_less":
        return count(actual) < number(first(values, op)).longValue();
      case "$after":
        return instant(actual).isAfter(instant(first(values, op)));
      case "$before":
        return instant(actual).isBefore(instant(first(values, op)));
      case "$timeframe":
      case "$timeframe_absolute":
        {
          Instant at = instant(actual);
          return !at.isBefore(instant(first(values, op)))
              && (values.size() < 2 || at.isBefore(instant(values.get(1))));
        }
      case "$timeframe_daily_hours":
        {
          LocalTime t = ZonedDateTime.ofInstant(instant(actual), zone).toLocalTime();
          LocalTime from = LocalTime.parse(text(first(values, op)));
          LocalTime to = values.size() > 1 ? LocalTime.parse(text(values.get(1))) : LocalTime.MAX;
          return !t.isBefore(from) && t.isBefore(to);
        }
      case "$dow":
        {
          DayOfWeek day = ZonedDateTime.ofInstant(instant(actual), zone).getDayOfWeek();
          int sundayZero = day.getValue() % 7;
          return values.stream().anyMatch(v -> number(v).intValue() == sundayZero);
        }
      case "$more_than_ago":
        return instant(actual).isBefore(now.minus(duration(first(values, op))));
      case "$less_than_ago":
        {
          Instant at = instant(actual);
          return !at.isAfter(now) && at.isAfter(now.minus(duration(first(values, op))));
        }
      case "$is_days_ago":
        return daysBetween(instant(actual), now, zone) == number(first(values, op)).longValue();
      case "$more_than_future":
        return instant(actual).isAfter(now.plus(duration(first(values, op))));
      case "$less_than_future":
        {
          Instant at = instant(actual);
          return !at.isBefore(now) && at.isBefore(now.plus(duration(first(values, op))));
        }
      case "$is_days_in_future":
        return daysBetween(now, instant(actual), zone) == number(first(values, op)).longValue();
      default:
        throw new RuleException("unknown condition operator " + op);
    }
  }

  /** Thrown when a rule cannot be decided as written (bad operand, unknown operator). */
  static final class RuleException extends RuntimeException {
    RuleException(String message) {
      super(message);
    }
  }

  private static long daysBetween(Instant from, Instant to, ZoneId zone) {
    LocalDate a = ZonedDateTime.ofInstant(from, zone).toLocalDate();
    LocalDate b = ZonedDateTime.ofInstant(to, zone).toLocalDate();
    return ChronoUnit.DAYS.between(a, b);
  }

  private static List<JsonNode> list(JsonNode expected) {
    List<JsonNode> out = new ArrayList<>();
    if (expected == null || expected.isNull() || expected.isMissingNode()) {
      return out;
    }
    if (expected.isArray()) {
      expected.forEach(out::add);
    } else {
      out.add(expected);
    }
    return out;
  }

  private static List<JsonNode> elements(JsonNode actual) {
    return actual.isArray() ? list(actual) : List.of(actual);
  }

  private static boolean anyElement(JsonNode actual, java.util.function.Predicate<JsonNode> p) {
    return elements(actual).stream().anyMatch(p);
  }

  private static boolean anyMatch(JsonNode actual, List<JsonNode> values) {
    return anyElement(actual, a -> contains(values, a));
  }

  private static boolean noneMatch(JsonNode actual, List<JsonNode> values) {
    return !anyMatch(actual, values);
  }

  private static boolean contains(List<JsonNode> values, JsonNode a) {
    return values.stream().anyMatch(v -> same(a, v));
  }

  static boolean same(JsonNode a, JsonNode b) {
    BigDecimal x = numberOrNull(a);
    BigDecimal y = numberOrNull(b);
    if (x != null && y != null) {
      return x.compareTo(y) == 0;
    }
    return text(a).equals(text(b));
  }

  private static int compare(JsonNode actual, JsonNode expected) {
    BigDecimal x = numberOrNull(actual);
    BigDecimal y = numberOrNull(expected);
    if (x != null && y != null) {
      return x.compareTo(y);
    }
    Instant a = Times.parseOrNull(text(actual));
    Instant b = Times.parseOrNull(text(expected));
    if (a != null && b != null) {
      return a.compareTo(b);
    }
    throw new RuleException("cannot compare '" + text(actual) + "' with '" + text(expected) + "'");
  }

  private static long count(JsonNode actual) {
    if (actual.isArray()) {
      return actual.size();
    }
    BigDecimal n = numberOrNull(actual);
    if (n == null) {
      throw new RuleException("cannot count '" + text(actual) + "'");
    }
    return n.longValue();
  }

  private static JsonNode first(List<JsonNode> values, String op) {
    if (values.isEmpty()) {
      throw new RuleException(op + " needs a value");
    }
    return values.get(0);
  }

  private static String text(JsonNode n) {
    if (n.isString()) {
      return n.stringValue();
    }
    return n.toString();
  }

  private static BigDecimal numberOrNull(JsonNode n) {
    if (n.isNumber()) {
      return n.decimalValue();
    }
    if (n.isString()) {
      try {
        return new BigDecimal(n.stringValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static BigDecimal number(JsonNode n) {
    BigDecimal value = numberOrNull(n);
    if (value == null) {
      throw new RuleException("'" + text(n) + "' is not a number");
    }
    return value;
  }

  private static Instant instant(JsonNode n) {
    Instant value = Times.parseOrNull(text(n));
    if (value == null) {
      throw new RuleException("'" + text(n) + "' is not a date");
    }
    return value;
  }

  /** An ISO duration ({@code P3D}, {@code PT12H}) or a number of days. */
  private static Duration duration(JsonNode n) {
    BigDecimal days = numberOrNull(n);
    if (days != null) {
      return Duration.ofDays(days.longValue());
    }
    String text = text(n);
    try {
      if (text.contains("T")) {
        return Duration.parse(text);
      }
      java.time.Period p = java.time.Period.parse(text);
      return Duration.ofDays(p.getDays() + 30L * p.getMonths() + 365L * p.getYears());
    } catch (DateTimeParseException e) {
      throw new RuleException("'" + text + "' is not a duration");
    }
  }
}
