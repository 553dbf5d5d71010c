package dev.herald.customevents;

import dev.herald.segments.Condition;
import dev.herald.segments.FieldType;
import dev.herald.segments.SegmentField;
import dev.herald.segments.SegmentFieldSource;
import dev.herald.segments.SqlContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Segment filter field {@code events.<name>.count}: how many custom events of that name the
 * customer sent (0 when none), read from {@code custom_event_count}.
 */
@Component
class CustomEventFieldSource implements SegmentFieldSource {

  private static final Pattern PATH = Pattern.compile("^events\\.(.+)\\.count$");

  @Override
  public Optional<SegmentField> field(String path) {
    Matcher m = PATH.matcher(path);
    return m.matches()
        ? Optional.of(SegmentField.of(path, FieldType.NUMBER).withDetail(m.group(1)))
        : Optional.empty();
  }

  @Override
  public List<String> describe() {
    return List.of("events.<name>.count");
  }

  @Override
  public String value(SegmentField field, SqlContext sql) {
    return "coalesce((select e.count from custom_event_count e where "
        + where(field, sql)
        + "), 0)";
  }

  /**
   * A customer without events has count 0. When 0 fails the condition, only customers with a row
   * can match: a semi-join the planner can hash over the table. When 0 passes, it is the anti-join
   * of the rows that fail.
   */
  @Override
  public String predicate(SegmentField field, Condition condition, SqlContext sql) {
    String test = sql.predicate("e.count", field, condition);
    String rows = "select 1 from custom_event_count e where " + where(field, sql);
    return condition.matchesNumber(BigDecimal.ZERO)
        ? "not exists (" + rows + " and not (" + test + "))"
        : "exists (" + rows + " and " + test + ")";
  }

  private static String where(SegmentField field, SqlContext sql) {
    return "e.project_id = "
        + sql.project()
        + " and e.customer_id = "
        + sql.customerId()
        + " and e.name = cast("
        + sql.bind(field.detail())
        + " as text)";
  }

  @Override
  public Set<String> changedBy() {
    return Set.of("customer.custom_event");
  }
}
