package dev.herald.support;

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
 * A third-party segment field source, as an orders module would declare it, using nothing but the
 * segments module's public SPI: {@code test_orders.total_count}, {@code test_orders.total_amount}
 * (0 without orders) and {@code test_orders.last_order_date}, read from the test table {@code
 * test_order_summary}, changed by {@code customer.order.*} events.
 */
@Component
public class FakeOrdersSource implements SegmentFieldSource {

  public static final String TABLE =
      """
      create table if not exists test_order_summary (
        project_id text not null, customer_id text not null, total_count int not null,
        total_amount bigint not null, last_order_date timestamptz,
        primary key (project_id, customer_id))
      """;

  private static final Map<String, FieldType> FIELDS =
      Map.of(
          "test_orders.total_count", FieldType.NUMBER,
          "test_orders.total_amount", FieldType.NUMBER,
          "test_orders.last_order_date", FieldType.DATETIME);

  @Override
  public Optional<SegmentField> field(String path) {
    return Optional.ofNullable(FIELDS.get(path))
        .map(
            type ->
                SegmentField.of(path, type).withDetail(path.substring("test_orders.".length())));
  }

  @Override
  public List<String> describe() {
    return FIELDS.keySet().stream().sorted().toList();
  }

  @Override
  public String value(SegmentField field, SqlContext sql) {
    String column = column(field);
    String read = "(select o." + column + " from test_order_summary o where " + where(sql) + ")";
    return field.type() == FieldType.NUMBER ? "coalesce(" + read + ", 0)" : read;
  }

  /** Counts and totals are 0 without a row: a semi-join when 0 fails, else an anti-join. */
  @Override
  public String predicate(SegmentField field, Condition condition, SqlContext sql) {
    if (field.type() != FieldType.NUMBER) {
      return SegmentFieldSource.super.predicate(field, condition, sql);
    }
    String test = sql.predicate("o." + column(field), field, condition);
    String rows = "select 1 from test_order_summary o where " + where(sql);
    return condition.matchesNumber(BigDecimal.ZERO)
        ? "not exists (" + rows + " and not (" + test + "))"
        : "exists (" + rows + " and " + test + ")";
  }

  private static String column(SegmentField field) {
    return switch (field.detail()) {
      case "total_count" -> "total_count";
      case "total_amount" -> "total_amount";
      default -> "last_order_date";
    };
  }

  private static String where(SqlContext sql) {
    return "o.project_id = " + sql.project() + " and o.customer_id = " + sql.customerId();
  }

  @Override
  public Set<String> changedBy() {
    return Set.of("customer.order.");
  }
}
