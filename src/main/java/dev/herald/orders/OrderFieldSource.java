package dev.herald.orders;

import dev.herald.segments.Condition;
import dev.herald.segments.FieldType;
import dev.herald.segments.SegmentField;
import dev.herald.segments.SegmentFieldSource;
import dev.herald.segments.SqlContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Segment filter fields over a customer's orders (canceled ones excluded), as the profile's {@code
 * summary.orders} shows them: {@code orders.total_count} (also {@code orders.count}), {@code
 * orders.total_amount}, {@code orders.average_amount}, {@code orders.last_order_amount} (0 without
 * orders) and {@code orders.last_order_date}; each also under {@code summary.orders.}.
 */
@Component
class OrderFieldSource implements SegmentFieldSource {

  private static final Map<String, String> AGGREGATES =
      Map.of(
          "total_count", "count(*)",
          "count", "count(*)",
          "total_amount", "coalesce(sum(o.amount), 0)",
          "average_amount", "coalesce(round(avg(o.amount)), 0)",
          "last_order_amount", "coalesce((array_agg(o.amount order by o.created_at desc))[1], 0)",
          "last_order_date", "max(o.created_at)");

  @Override
  public Optional<SegmentField> field(String path) {
    String name =
        path.startsWith("summary.orders.")
            ? path.substring("summary.orders.".length())
            : path.startsWith("orders.") ? path.substring("orders.".length()) : null;
    if (name == null || !AGGREGATES.containsKey(name)) {
      return Optional.empty();
    }
    FieldType type = name.equals("last_order_date") ? FieldType.DATETIME : FieldType.NUMBER;
    return Optional.of(SegmentField.of(path, type).withDetail(name));
  }

  @Override
  public List<String> describe() {
    return AGGREGATES.keySet().stream().sorted().map(n -> "orders." + n).toList();
  }

  @Override
  public String value(SegmentField field, SqlContext sql) {
    return "(select " + AGGREGATES.get(field.detail()) + " from orders o where " + where(sql) + ")";
  }

  /**
   * A customer without orders has 0 for every number: when 0 fails the condition, only customers
   * with orders can match, so the test becomes a semi-join over the orders table.
   */
  @Override
  public String predicate(SegmentField field, Condition condition, SqlContext sql) {
    if (field.type() == FieldType.NUMBER && !condition.matchesNumber(BigDecimal.ZERO)) {
      return "exists (select 1 from orders o0 where o0.project_id = "
          + sql.project()
          + " and o0.customer_id = "
          + sql.customerId()
          + " and o0.status <> 'CANCELED') and "
          + sql.predicate(value(field, sql), field, condition);
    }
    return SegmentFieldSource.super.predicate(field, condition, sql);
  }

  private static String where(SqlContext sql) {
    return "o.project_id = "
        + sql.project()
        + " and o.customer_id = "
        + sql.customerId()
        + " and o.status <> 'CANCELED'";
  }

  @Override
  public Set<String> changedBy() {
    return Set.of("customer.order.");
  }
}
