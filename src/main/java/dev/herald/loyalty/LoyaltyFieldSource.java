package dev.herald.loyalty;

import dev.herald.campaigns.CampaignSql;
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
 * Segment filter fields over loyalty points: {@code loyalty_points.points} (the customer's points
 * in all programs) and {@code loyalty_points.campaigns.<program name or id>.points} (0 without a
 * card), as in Voucherify's segment filters.
 */
@Component
class LoyaltyFieldSource implements SegmentFieldSource {

  private static final Pattern PROGRAM =
      Pattern.compile("^loyalty_points\\.campaigns\\.(.+)\\.points$");
  private static final String TOTAL = "loyalty_points.points";

  @Override
  public Optional<SegmentField> field(String path) {
    if (path.equals(TOTAL)) {
      return Optional.of(SegmentField.of(path, FieldType.NUMBER));
    }
    Matcher m = PROGRAM.matcher(path);
    return m.matches()
        ? Optional.of(SegmentField.of(path, FieldType.NUMBER).withDetail(m.group(1)))
        : Optional.empty();
  }

  @Override
  public List<String> describe() {
    return List.of(TOTAL, "loyalty_points.campaigns.<program>.points");
  }

  @Override
  public String value(SegmentField field, SqlContext sql) {
    return "coalesce((select sum(l.balance) from loyalty_card l where "
        + where(field, sql)
        + "), 0)";
  }

  /** Without a card a customer has 0: a semi-join over the cards when 0 fails the condition. */
  @Override
  public String predicate(SegmentField field, Condition condition, SqlContext sql) {
    if (condition.matchesNumber(BigDecimal.ZERO)) {
      return SegmentFieldSource.super.predicate(field, condition, sql);
    }
    return "exists (select 1 from loyalty_card l where "
        + where(field, sql)
        + ") and "
        + sql.predicate(value(field, sql), field, condition);
  }

  private static String where(SegmentField field, SqlContext sql) {
    String base = "l.project_id = " + sql.project() + " and l.holder_id = " + sql.customerId();
    if (field.detail() == null) {
      return base;
    }
    return base
        + " and l.campaign_id = "
        + CampaignSql.idOf(sql.project(), "cast(" + sql.bind(field.detail()) + " as text)");
  }

  @Override
  public Set<String> changedBy() {
    return Set.of(
        "customer.voucher.loyalty_card.",
        "customer.rewarded.loyalty_points",
        "customer.rewarded",
        "customer.reward_redemptions.",
        "customer.loyalty.",
        "customer.publication.succeeded");
  }
}
