package dev.herald.segments;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The filter operators (reference §2.2) and Herald's relative-date ones. {@code arity} says what
 * value they take; {@code relative} ones depend on today's date and make a segment swept daily.
 */
public enum Operator {
  IS("$is", Arity.ONE, false),
  IS_NOT("$is_not", Arity.ONE, false),
  IN("$in", Arity.MANY, false),
  NOT_IN("$not_in", Arity.MANY, false),
  HAS_VALUE("$has_value", Arity.NONE, false),
  IS_UNKNOWN("$is_unknown", Arity.NONE, false),
  STARTS_WITH("$starts_with", Arity.ONE, false),
  ENDS_WITH("$ends_with", Arity.ONE, false),
  CONTAINS("$contains", Arity.ONE, false),
  NOT_CONTAIN("$not_contain", Arity.ONE, false),
  MORE_THAN("$more_than", Arity.ONE, false),
  LESS_THAN("$less_than", Arity.ONE, false),
  MORE_THAN_EQUAL("$more_than_equal", Arity.ONE, false),
  LESS_THAN_EQUAL("$less_than_equal", Arity.ONE, false),
  AFTER("$after", Arity.ONE, false),
  BEFORE("$before", Arity.ONE, false),
  /** The date is more than N days before today (project time zone). */
  MORE_THAN_DAYS_AGO("$more_than_days_ago", Arity.DAYS, true),
  /** The date is less than N days before today: today or the N-1 days before it. */
  LESS_THAN_DAYS_AGO("$less_than_days_ago", Arity.DAYS, true),
  /** Anniversary (the year ignored): the day and month are today's. */
  TODAY("$today", Arity.NONE, true),
  /** Anniversary: the month is this month. */
  THIS_MONTH("$this_month", Arity.NONE, true),
  /** Anniversary: the month is next month. */
  NEXT_MONTH("$next_month", Arity.NONE, true),
  /** Anniversary: falls within the next N days, today included. */
  NEXT_DAYS("$next_days", Arity.DAYS, true);

  /** What an operator takes: nothing (or {@code true}), one value, a list, or a day count. */
  public enum Arity {
    NONE,
    ONE,
    MANY,
    DAYS
  }

  private static final Set<Operator> PRESENCE = EnumSet.of(HAS_VALUE, IS_UNKNOWN);
  private static final Set<Operator> STRING_OPS =
      EnumSet.of(
          IS,
          IS_NOT,
          IN,
          NOT_IN,
          HAS_VALUE,
          IS_UNKNOWN,
          STARTS_WITH,
          ENDS_WITH,
          CONTAINS,
          NOT_CONTAIN);
  private static final Set<Operator> NUMBER_OPS =
      EnumSet.of(
          IS,
          IS_NOT,
          IN,
          NOT_IN,
          HAS_VALUE,
          IS_UNKNOWN,
          MORE_THAN,
          LESS_THAN,
          MORE_THAN_EQUAL,
          LESS_THAN_EQUAL);
  private static final Set<Operator> BOOLEAN_OPS = EnumSet.of(IS, IS_NOT, HAS_VALUE, IS_UNKNOWN);
  private static final Set<Operator> DATE_OPS =
      EnumSet.of(
          IS, IS_NOT, AFTER, BEFORE, HAS_VALUE, IS_UNKNOWN, MORE_THAN_DAYS_AGO, LESS_THAN_DAYS_AGO);
  private static final Set<Operator> ANNIVERSARY_OPS =
      EnumSet.of(TODAY, THIS_MONTH, NEXT_MONTH, NEXT_DAYS);

  private final String key;
  private final Arity arity;
  private final boolean relative;

  Operator(String key, Arity arity, boolean relative) {
    this.key = key;
    this.arity = arity;
    this.relative = relative;
  }

  public String key() {
    return key;
  }

  public Arity arity() {
    return arity;
  }

  public boolean relative() {
    return relative;
  }

  public boolean isPresence() {
    return PRESENCE.contains(this);
  }

  public static Optional<Operator> of(String key) {
    for (Operator op : values()) {
      if (op.key.equals(key)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** The operators a field of this type takes; anniversary ones only where the field says so. */
  public static Set<Operator> allowed(FieldType type, boolean anniversary) {
    Set<Operator> out =
        switch (type) {
          case STRING -> EnumSet.copyOf(STRING_OPS);
          case NUMBER -> EnumSet.copyOf(NUMBER_OPS);
          case BOOLEAN -> EnumSet.copyOf(BOOLEAN_OPS);
          case DATE, DATETIME -> EnumSet.copyOf(DATE_OPS);
          case INFERRED -> EnumSet.allOf(Operator.class);
        };
    if (type == FieldType.INFERRED) {
      out.removeAll(ANNIVERSARY_OPS);
    }
    if (anniversary) {
      out.addAll(ANNIVERSARY_OPS);
    }
    return out;
  }
}
