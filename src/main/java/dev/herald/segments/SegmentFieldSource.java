package dev.herald.segments;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A source of segment filter fields: which paths it serves, their types, and the SQL that reads
 * them for one customer. Each module that owns customer data plugs its fields in by declaring one
 * bean implementing this interface (see the package documentation); it owns the SQL over its own
 * tables, and the segments module combines the pieces into set-based queries, never loading
 * customers into memory.
 */
public interface SegmentFieldSource {

  /** The field {@code path} names, or empty when this source does not serve it. */
  Optional<SegmentField> field(String path);

  /** How the paths look, for error messages: {@code "events.<name>.count"}. */
  List<String> describe();

  /**
   * A SQL expression of the field's value for the customer whose id is {@link
   * SqlContext#customerId()}, of the field type's SQL type, null when unknown. Bind every value
   * through {@code sql}; never splice user input into the text.
   */
  String value(SegmentField field, SqlContext sql);

  /**
   * The SQL boolean for {@code condition} on the field. The default applies the standard operator
   * semantics to {@link #value}; override it to do better (a semi-join over an indexed table
   * instead of a per-customer subquery, say).
   */
  default String predicate(SegmentField field, Condition condition, SqlContext sql) {
    return sql.predicate(value(field, sql), field, condition);
  }

  /**
   * Event types after which a customer's values of this source's fields may have changed: exact
   * names, or prefixes ending with a dot ({@code "customer.order."}). The segments module re-checks
   * the customer of each such event against the segments that use this source.
   */
  Set<String> changedBy();

  /** Whether {@code eventType} is one of {@link #changedBy()}. */
  default boolean isChangedBy(String eventType) {
    for (String t : changedBy()) {
      if (t.endsWith(".") ? eventType.startsWith(t) : eventType.equals(t)) {
        return true;
      }
    }
    return false;
  }
}
