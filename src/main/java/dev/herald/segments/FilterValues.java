package dev.herald.segments;

import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one operator's values into typed Java values, and settles the type of schemaless (metadata)
 * fields from the operator and the values. Every mismatch is a 400 naming the filter path, the
 * operator and the offending value.
 */
final class FilterValues {

  static final int MAX_VALUES = 1000;
  private static final Pattern NUMBER = Pattern.compile("^\\s*-?\\d+(\\.\\d+)?\\s*$");
  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

  private FilterValues() {}

  /** The values as given: an array's items, or the single value. */
  static List<JsonNode> items(JsonNode raw) {
    List<JsonNode> out = new ArrayList<>();
    if (raw == null || raw.isNull()) {
      return out;
    }
    if (raw.isArray()) {
      raw.forEach(out::add);
    } else {
      out.add(raw);
    }
    return out;
  }

  /** The type a metadata field takes under this operator and these values. */
  static FieldType settle(String where, Operator op, List<JsonNode> items) {
    switch (op) {
      case STARTS_WITH, ENDS_WITH, CONTAINS, NOT_CONTAIN, HAS_VALUE, IS_UNKNOWN -> {
        return FieldType.STRING;
      }
      case AFTER, BEFORE, MORE_THAN_DAYS_AGO, LESS_THAN_DAYS_AGO -> {
        return FieldType.DATE;
      }
      case MORE_THAN, LESS_THAN, MORE_THAN_EQUAL, LESS_THAN_EQUAL -> {
        return FieldType.NUMBER;
      }
      default -> {
        boolean numbers = !items.isEmpty() && items.stream().allMatch(JsonNode::isNumber);
        boolean booleans = !items.isEmpty() && items.stream().allMatch(JsonNode::isBoolean);
        boolean strings = items.stream().allMatch(JsonNode::isString);
        if (numbers) {
          return FieldType.NUMBER;
        }
        if (booleans) {
          return FieldType.BOOLEAN;
        }
        if (strings) {
          return FieldType.STRING;
        }
        throw invalid(where, "values must all be strings, all numbers or all booleans");
      }
    }
  }

  /** Checks the arity and converts every value to the field type's Java type. */
  static List<Object> read(String where, Operator op, FieldType type, List<JsonNode> items) {
    switch (op.arity()) {
      case NONE -> {
        items.forEach(item -> noValue(where, item));
        return List.of();
      }
      case DAYS -> {
        return List.of(dayCount(where, op, items));
      }
      case ONE -> {
        if (items.size() != 1) {
          throw invalid(where, "expects exactly one value, got " + items.size());
        }
      }
      case MANY -> {
        if (items.isEmpty() || items.size() > MAX_VALUES) {
          throw invalid(where, "expects 1 to " + MAX_VALUES + " values, got " + items.size());
        }
      }
    }
    List<Object> out = new ArrayList<>();
    for (JsonNode item : items) {
      out.add(value(where, type, item));
    }
    return out;
  }

  /** Operators without a value take {@code true}, {@code [true]}, {@code ""} or nothing. */
  private static void noValue(String where, JsonNode item) {
    boolean yes =
        (item.isBoolean() && item.booleanValue())
            || (item.isString()
                && (item.stringValue().isEmpty() || item.stringValue().equals("true")));
    if (!yes) {
      throw invalid(where, "takes no value (use true), got " + item);
    }
  }

  private static int dayCount(String where, Operator op, List<JsonNode> items) {
    if (items.size() != 1) {
      throw invalid(where, "expects one number of days");
    }
    int days = days(where, items.get(0));
    if (op == Operator.NEXT_DAYS && days < 1) {
      throw invalid(where, "expects at least 1 day, got " + days);
    }
    return days;
  }

  private static Object value(String where, FieldType type, JsonNode item) {
    switch (type) {
      case STRING -> {
        if (!item.isString()) {
          throw invalid(where, "expects a string, got " + item);
        }
        return item.stringValue();
      }
      case NUMBER -> {
        if (item.isNumber()) {
          return item.decimalValue();
        }
        if (item.isString() && NUMBER.matcher(item.stringValue()).matches()) {
          return new BigDecimal(item.stringValue().trim());
        }
        throw invalid(where, "expects a number, got " + item);
      }
      case BOOLEAN -> {
        if (item.isBoolean()) {
          return item.booleanValue();
        }
        if (item.isString()
            && (item.stringValue().equals("true") || item.stringValue().equals("false"))) {
          return Boolean.parseBoolean(item.stringValue());
        }
        throw invalid(where, "expects a boolean, got " + item);
      }
      case DATE, DATETIME -> {
        return dateValue(where, item);
      }
      default -> throw new IllegalStateException("unsettled type at " + where);
    }
  }

  private static Object dateValue(String where, JsonNode item) {
    if (item.isString()) {
      String text = item.stringValue().trim();
      if (DATE.matcher(text).matches()) {
        try {
          return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
          throw invalid(where, "expects a valid date, got " + item);
        }
      }
      Instant instant = Times.parseOrNull(text);
      if (instant != null) {
        return Times.millis(instant);
      }
    }
    throw invalid(where, "expects an ISO-8601 date (YYYY-MM-DD) or date-time, got " + item);
  }

  private static int days(String where, JsonNode item) {
    long days;
    if (item.isNumber() && item.canConvertToExactIntegral() && item.canConvertToLong()) {
      days = item.longValue();
    } else if (item.isString() && item.stringValue().trim().matches("^\\d{1,9}$")) {
      days = Long.parseLong(item.stringValue().trim());
    } else {
      throw invalid(where, "expects a whole number of days, got " + item);
    }
    if (days < 0 || days > 36_600) {
      throw invalid(where, "expects a number of days from 0 to 36600, got " + item);
    }
    return (int) days;
  }

  static ApiException invalid(String where, String problem) {
    return ApiException.badRequest("invalid_segment", where + " " + problem);
  }
}
