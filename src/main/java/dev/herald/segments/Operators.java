package dev.herald.segments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Collectors;

/**
 * The standard SQL of each operator over a value expression. Semantics (decision 0301): string
 * comparisons are exact and case-sensitive; negative operators ({@code $is_not}, {@code $not_in},
 * {@code $not_contain}) match a customer who has no value; dates compare as calendar days in the
 * project's time zone unless both sides are instants; anniversary operators ignore the year and
 * treat 29 February as 28 February in other years. A null comparison is false at the top of the
 * filter (there is no negation of a subexpression, so Kleene logic agrees).
 */
final class Operators {

  private Operators() {}

  static String sql(SqlContext ctx, String v, SegmentField field, Condition c) {
    FieldType type = field.type();
    if (type.isDate()) {
      return date(ctx, v, type, c);
    }
    String cast = type.sqlType();
    return switch (c.operator()) {
      case IS -> v + " = " + one(ctx, c, cast);
      case IS_NOT -> "(" + v + " is distinct from " + one(ctx, c, cast) + ")";
      case IN -> v + " in (" + many(ctx, c, cast) + ")";
      case NOT_IN -> "(" + v + " is null or " + v + " not in (" + many(ctx, c, cast) + "))";
      case HAS_VALUE ->
          type == FieldType.STRING ? "coalesce(" + v + ", '') <> ''" : v + " is not null";
      case IS_UNKNOWN -> type == FieldType.STRING ? "coalesce(" + v + ", '') = ''" : v + " is null";
      case STARTS_WITH -> "starts_with(" + v + ", " + one(ctx, c, cast) + ")";
      case ENDS_WITH -> {
        String p = one(ctx, c, cast);
        yield "right(" + v + ", char_length(" + p + ")) = " + p;
      }
      case CONTAINS -> "strpos(" + v + ", " + one(ctx, c, cast) + ") > 0";
      case NOT_CONTAIN -> "coalesce(strpos(" + v + ", " + one(ctx, c, cast) + "), 0) = 0";
      case MORE_THAN -> v + " > " + one(ctx, c, cast);
      case LESS_THAN -> v + " < " + one(ctx, c, cast);
      case MORE_THAN_EQUAL -> v + " >= " + one(ctx, c, cast);
      case LESS_THAN_EQUAL -> v + " <= " + one(ctx, c, cast);
      default -> throw new IllegalStateException(c.operator() + " on " + type);
    };
  }

  private static String one(SqlContext ctx, Condition c, String cast) {
    return "cast(" + ctx.bind(c.value()) + " as " + cast + ")";
  }

  private static String many(SqlContext ctx, Condition c, String cast) {
    return c.values().stream()
        .map(v -> "cast(" + ctx.bind(v) + " as " + cast + ")")
        .collect(Collectors.joining(", "));
  }

  private static String date(SqlContext ctx, String v, FieldType type, Condition c) {
    String day = type == FieldType.DATE ? v : "((" + v + ") at time zone " + zone(ctx) + ")::date";
    return switch (c.operator()) {
      case IS -> day + " = " + dayOf(ctx, c.value());
      case IS_NOT -> "(" + day + " is distinct from " + dayOf(ctx, c.value()) + ")";
      case AFTER ->
          type == FieldType.DATETIME && c.value() instanceof Instant
              ? v + " > cast(" + ctx.bind(c.value()) + " as timestamptz)"
              : day + " > " + dayOf(ctx, c.value());
      case BEFORE ->
          type == FieldType.DATETIME && c.value() instanceof Instant
              ? v + " < cast(" + ctx.bind(c.value()) + " as timestamptz)"
              : day + " < " + dayOf(ctx, c.value());
      case HAS_VALUE -> v + " is not null";
      case IS_UNKNOWN -> v + " is null";
      case MORE_THAN_DAYS_AGO -> day + " < " + daysAgo(ctx, (Integer) c.value());
      case LESS_THAN_DAYS_AGO -> day + " > " + daysAgo(ctx, (Integer) c.value());
      case TODAY, THIS_MONTH, NEXT_MONTH, NEXT_DAYS -> anniversary(ctx, day, c);
      default -> throw new IllegalStateException(c.operator() + " on " + type);
    };
  }

  private static String zone(SqlContext ctx) {
    return "cast(" + ctx.zone() + " as text)";
  }

  /** A date value as a calendar day; an instant's day is taken in the project's time zone. */
  private static String dayOf(SqlContext ctx, Object value) {
    if (value instanceof LocalDate) {
      return "cast(" + ctx.bind(value) + " as date)";
    }
    return "(cast(" + ctx.bind(value) + " as timestamptz) at time zone " + zone(ctx) + ")::date";
  }

  private static String daysAgo(SqlContext ctx, int days) {
    return "cast(" + ctx.bindAt(m -> m.today().minusDays(days)) + " as date)";
  }

  private static String anniversary(SqlContext ctx, String day, Condition c) {
    String md = "(extract(month from " + day + ")::int * 100 + extract(day from " + day + ")::int)";
    String leap = "cast(" + ctx.bindAt(m -> m.today().isLeapYear()) + " as boolean)";
    String adjusted =
        "(case when " + md + " = 229 and not " + leap + " then 228 else " + md + " end)";
    return switch (c.operator()) {
      case TODAY -> adjusted + " = cast(" + ctx.bindAt(m -> monthDay(m.today())) + " as int)";
      case THIS_MONTH ->
          "extract(month from "
              + day
              + ")::int = cast("
              + ctx.bindAt(m -> m.today().getMonthValue())
              + " as int)";
      case NEXT_MONTH ->
          "extract(month from "
              + day
              + ")::int = cast("
              + ctx.bindAt(m -> m.today().plusMonths(1).getMonthValue())
              + " as int)";
      case NEXT_DAYS -> nextDays(ctx, adjusted, (Integer) c.value());
      default -> throw new IllegalStateException(c.operator().key());
    };
  }

  /** The anniversary falls on today or one of the next {@code days - 1} days. */
  private static String nextDays(SqlContext ctx, String adjusted, int days) {
    if (days >= 366) {
      return adjusted + " is not null";
    }
    String start = "cast(" + ctx.bindAt(m -> monthDay(m.today())) + " as int)";
    String end = "cast(" + ctx.bindAt(m -> monthDay(m.today().plusDays(days - 1))) + " as int)";
    return "(case when "
        + start
        + " <= "
        + end
        + " then "
        + adjusted
        + " between "
        + start
        + " and "
        + end
        + " else ("
        + adjusted
        + " >= "
        + start
        + " or "
        + adjusted
        + " <= "
        + end
        + ") end)";
  }

  private static int monthDay(LocalDate d) {
    return d.getMonthValue() * 100 + d.getDayOfMonth();
  }
}
