package dev.herald.segments;

import dev.herald.customers.CustomerSql;
import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link SegmentFieldSource} writes its SQL against: the customer id expression, named
 * placeholders for values (bound, never spliced), values computed when the query runs (relative
 * dates), the project's time zone, and the standard operator semantics.
 */
public final class SqlContext {

  static final String PROJECT = "project";
  static final String ZONE = "zone";

  private final String prefix;
  private final String customerAlias;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, Function<Moment, Object>> atRun = new LinkedHashMap<>();
  private boolean usesZone;
  private int next;

  SqlContext(String prefix, String customerAlias) {
    this.prefix = prefix;
    this.customerAlias = customerAlias;
  }

  /** The SQL expression of the customer's id ({@code text}). */
  public String customerId() {
    return CustomerSql.id(customerAlias);
  }

  /** The placeholder of the project id ({@code text}); every table is per project. */
  public String project() {
    return ":" + PROJECT;
  }

  /** A placeholder bound to {@code value} (an {@link Instant} travels as {@code timestamptz}). */
  public String bind(Object value) {
    String name = prefix + "p" + next++;
    values.put(name, value instanceof Instant i ? Sql.ts(i) : value);
    return ":" + name;
  }

  /**
   * A placeholder bound when the query runs, to a value computed from that moment (today's date for
   * relative operators). Using it makes the segment time-dependent: it is re-evaluated by the daily
   * sweep as well as on every change.
   */
  public String bindAt(Function<Moment, Object> value) {
    String name = prefix + "p" + next++;
    atRun.put(name, value);
    return ":" + name;
  }

  /** The placeholder of the project's time zone name ({@code text}, for {@code AT TIME ZONE}). */
  public String zone() {
    usesZone = true;
    return ":" + ZONE;
  }

  /** The standard semantics of {@code condition} on a value expression of the field's type. */
  public String predicate(String valueSql, SegmentField field, Condition condition) {
    return Operators.sql(this, valueSql, field, condition);
  }

  String customerAlias() {
    return customerAlias;
  }

  boolean timeDependent() {
    return !atRun.isEmpty();
  }

  boolean needsMoment() {
    return usesZone || !atRun.isEmpty();
  }

  /** Every placeholder's value at {@code moment} (null when nothing needs the time). */
  Map<String, Object> params(Moment moment) {
    Map<String, Object> out = new LinkedHashMap<>(values);
    atRun.forEach(
        (name, f) -> {
          Object v = f.apply(moment);
          out.put(name, v instanceof Instant i ? Sql.ts(i) : v);
        });
    if (usesZone) {
      out.put(ZONE, moment.zone().getId());
    }
    return out;
  }
}
