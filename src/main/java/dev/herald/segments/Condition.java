package dev.herald.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One operator with its values, already validated against the field's type: {@link String} for
 * strings, {@link BigDecimal} for numbers, {@link Boolean}, {@link LocalDate} or {@link Instant}
 * for dates (a date-time value stays an instant), {@link Integer} for day counts. Presence and
 * anniversary operators without a count have no values.
 */
public record Condition(Operator operator, List<Object> values) {

  public Condition {
    values = List.copyOf(values);
  }

  /** The single value of a one-value operator. */
  public Object value() {
    return values.get(0);
  }

  /**
   * Whether a number satisfies this condition; sources whose missing rows mean zero (counts,
   * totals) use it to pick between a semi-join and an anti-join.
   */
  public boolean matchesNumber(BigDecimal n) {
    return switch (operator) {
      case IS -> n.compareTo((BigDecimal) value()) == 0;
      case IS_NOT -> n.compareTo((BigDecimal) value()) != 0;
      case IN -> values.stream().anyMatch(v -> n.compareTo((BigDecimal) v) == 0);
      case NOT_IN -> values.stream().noneMatch(v -> n.compareTo((BigDecimal) v) == 0);
      case MORE_THAN -> n.compareTo((BigDecimal) value()) > 0;
      case LESS_THAN -> n.compareTo((BigDecimal) value()) < 0;
      case MORE_THAN_EQUAL -> n.compareTo((BigDecimal) value()) >= 0;
      case LESS_THAN_EQUAL -> n.compareTo((BigDecimal) value()) <= 0;
      case HAS_VALUE -> true;
      case IS_UNKNOWN -> false;
      default -> throw new IllegalStateException(operator + " is not a number operator");
    };
  }
}
