package dev.herald.segments;

/**
 * The type of a filter field, which decides its operators and how values are read. A source's SQL
 * value expression has the matching SQL type: {@code text}, {@code numeric}, {@code boolean},
 * {@code date} (a calendar date) or {@code timestamptz} (an instant).
 */
public enum FieldType {
  STRING("text"),
  NUMBER("numeric"),
  BOOLEAN("boolean"),
  DATE("date"),
  DATETIME("timestamptz"),
  /**
   * Typed by its condition (schemaless metadata): a number value makes it a number, a boolean a
   * boolean, a date operator or an ISO date value a date, anything else a string.
   */
  INFERRED(null);

  private final String sqlType;

  FieldType(String sqlType) {
    this.sqlType = sqlType;
  }

  public String sqlType() {
    return sqlType;
  }

  public boolean isDate() {
    return this == DATE || this == DATETIME;
  }
}
