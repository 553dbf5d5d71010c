package dev.herald.support;

import dev.herald.segments.FieldType;
import dev.herald.segments.SegmentField;
import dev.herald.segments.SegmentFieldSource;
import dev.herald.segments.SqlContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A third-party source shaped like a loyalty module's: {@code test_loyalty.campaigns.<name>.points}
 * from the test table {@code test_loyalty_points}, changed by loyalty card and rewarded-points
 * events. Only the value expression is written; the default operator semantics do the rest.
 */
@Component
public class FakeLoyaltySource implements SegmentFieldSource {

  public static final String TABLE =
      """
      create table if not exists test_loyalty_points (
        project_id text not null, customer_id text not null, campaign text not null,
        points bigint not null, primary key (project_id, customer_id, campaign))
      """;

  private static final Pattern PATH = Pattern.compile("^test_loyalty\\.campaigns\\.(.+)\\.points$");

  @Override
  public Optional<SegmentField> field(String path) {
    Matcher m = PATH.matcher(path);
    return m.matches()
        ? Optional.of(SegmentField.of(path, FieldType.NUMBER).withDetail(m.group(1)))
        : Optional.empty();
  }

  @Override
  public List<String> describe() {
    return List.of("test_loyalty.campaigns.<name>.points");
  }

  @Override
  public String value(SegmentField field, SqlContext sql) {
    return "coalesce((select l.points from test_loyalty_points l where l.project_id = "
        + sql.project()
        + " and l.customer_id = "
        + sql.customerId()
        + " and l.campaign = cast("
        + sql.bind(field.detail())
        + " as text)), 0)";
  }

  @Override
  public Set<String> changedBy() {
    return Set.of("customer.voucher.loyalty_card.", "customer.rewarded.loyalty_points");
  }
}
