package dev.herald.customers;

import java.util.List;
import java.util.Optional;

/**
 * SQL fragments over the {@code customer} table, for modules that compile set-based customer
 * queries (segment filters) instead of loading profiles. The customers module owns the table and
 * its column names; callers only splice these fragments in, with an alias of their choice, and
 * never name a column themselves.
 */
public final class CustomerSql {

  /** A profile attribute a query may read, and the SQL type of its value. */
  public record Attribute(String name, String sqlType) {}

  private static final List<Attribute> ATTRIBUTES =
      List.of(
          new Attribute("id", "text"),
          new Attribute("source_id", "text"),
          new Attribute("name", "text"),
          new Attribute("email", "text"),
          new Attribute("phone", "text"),
          new Attribute("description", "text"),
          new Attribute("birthdate", "date"),
          new Attribute("created_at", "timestamptz"),
          new Attribute("updated_at", "timestamptz"));

  private CustomerSql() {}

  /** The table as a {@code FROM} item: {@code customer <alias>}. */
  public static String from(String alias) {
    return "customer " + alias;
  }

  /** The live (not deleted) customers of the project bound to {@code :projectParam}. */
  public static String live(String alias, String projectParam) {
    return alias + ".project_id = :" + projectParam + " and " + alias + ".deleted_at is null";
  }

  /** The customer id column; batches walk a project's customers in id order (keyset paging). */
  public static String id(String alias) {
    return alias + ".id";
  }

  public static List<Attribute> attributes() {
    return ATTRIBUTES;
  }

  /** The column of a top-level attribute ({@code birthday} is {@code birthdate}'s alias). */
  public static Optional<Attribute> attribute(String name) {
    String canonical = name.equals("birthday") ? "birthdate" : name;
    return ATTRIBUTES.stream().filter(a -> a.name().equals(canonical)).findFirst();
  }

  public static String column(String alias, Attribute attribute) {
    return alias + "." + attribute.name();
  }

  public static List<String> addressFields() {
    return CustomerInput.ADDRESS_FIELDS;
  }

  /** One address part as text (null when the customer has no address or not that part). */
  public static String address(String alias, String field) {
    if (!CustomerInput.ADDRESS_FIELDS.contains(field)) {
      throw new IllegalArgumentException("not an address field: " + field);
    }
    return "(" + alias + ".address ->> '" + field + "')";
  }

  /** One metadata value as {@code jsonb}; the key is bound to {@code keyPlaceholder}. */
  public static String metadata(String alias, String keyPlaceholder) {
    return "(" + alias + ".metadata -> cast(" + keyPlaceholder + " as text))";
  }
}
