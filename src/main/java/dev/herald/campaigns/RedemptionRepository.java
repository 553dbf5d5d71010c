package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Repository
class RedemptionRepository {

  /** A stored redemption: a parent (stack), or one voucher / promotion tier redeemed. */
  record Row(
      String id,
      ProjectId projectId,
      String parentId,
      String customerId,
      String trackingId,
      String orderId,
      String relatedObjectType,
      String relatedObjectId,
      String voucherId,
      String voucherCode,
      String tierId,
      String campaignId,
      long amount,
      Long giftAmount,
      String result,
      String status,
      String failureCode,
      String failureMessage,
      ObjectNode metadata,
      JsonNode channel,
      String rollbackId,
      Instant createdAt) {}

  /** The numbers behind a customer's {@code summary.redemptions}. */
  record Totals(long redeemed, long failed, long succeeded, long rolledBack, long giftRedeemed) {}

  private final JdbcClient jdbc;

  RedemptionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Row r) {
    jdbc.sql(
            """
            insert into redemption (id, project_id, parent_id, customer_id, tracking_id, order_id,
              related_object_type, related_object_id, voucher_id, voucher_code, promotion_tier_id,
              campaign_id, amount, gift_amount, result, status, failure_code, failure_message,
              metadata, channel, created_at)
            values (:id, :p, :parent, :customer, :tracking, :order, :type, :object, :voucher, :code,
              :tier, :campaign, :amount, :gift, :result, :status, :fcode, :fmessage,
              cast(:metadata as jsonb), cast(:channel as jsonb), :at)
            """)
        .param("id", r.id())
        .param("p", r.projectId().value())
        .param("parent", r.parentId())
        .param("customer", r.customerId())
        .param("tracking", r.trackingId())
        .param("order", r.orderId())
        .param("type", r.relatedObjectType())
        .param("object", r.relatedObjectId())
        .param("voucher", r.voucherId())
        .param("code", r.voucherCode())
        .param("tier", r.tierId())
        .param("campaign", r.campaignId())
        .param("amount", r.amount())
        .param("gift", r.giftAmount())
        .param("result", r.result())
        .param("status", r.status())
        .param("fcode", r.failureCode())
        .param("fmessage", r.failureMessage())
        .param("metadata", Json.write(r.metadata()))
        .param("channel", Json.write(r.channel()))
        .param("at", Sql.ts(r.createdAt()))
        .update();
  }

  /** Marks it rolled back unless it already is; false when another rollback won. */
  boolean markRolledBack(String id, String rollbackId) {
    return jdbc.sql(
                "update redemption set rollback_id = :rb, status = 'ROLLED_BACK'"
                    + " where id = :id and rollback_id is null")
            .param("rb", rollbackId)
            .param("id", id)
            .update()
        == 1;
  }

  void insertRollback(
      String id,
      ProjectId project,
      String redemptionId,
      String reason,
      String trackingId,
      String customerId,
      long amount,
      Long gift,
      Instant at) {
    jdbc.sql(
            """
            insert into redemption_rollback (id, project_id, redemption_id, reason, tracking_id,
              customer_id, amount, gift_amount, created_at)
            values (:id, :p, :r, :reason, :tracking, :customer, :amount, :gift, :at)
            """)
        .param("id", id)
        .param("p", project.value())
        .param("r", redemptionId)
        .param("reason", reason)
        .param("tracking", trackingId)
        .param("customer", customerId)
        .param("amount", amount)
        .param("gift", gift)
        .param("at", Sql.ts(at))
        .update();
  }

  Optional<Row> byId(ProjectId project, String id, boolean lock) {
    return jdbc.sql(
            "select * from redemption where project_id = :p and id = :id"
                + (lock ? " for update" : ""))
        .param("p", project.value())
        .param("id", id)
        .query(RedemptionRepository::map)
        .optional();
  }

  List<Row> children(String parentId) {
    return jdbc.sql("select * from redemption where parent_id = :id order by created_at, id")
        .param("id", parentId)
        .query(RedemptionRepository::map)
        .list();
  }

  List<Row> list(
      ProjectId project,
      String result,
      String campaignId,
      String customerId,
      String voucherId,
      Instant after,
      Instant before,
      int limit,
      int offset) {
    return jdbc.sql(
            """
            select * from redemption where project_id = :p
              and (cast(:result as text) is null or result = :result)
              and (cast(:c as text) is null or campaign_id = :c)
              and (cast(:customer as text) is null or customer_id = :customer)
              and (cast(:voucher as text) is null or voucher_id = :voucher)
              and (cast(:after as timestamptz) is null or created_at > :after)
              and (cast(:before as timestamptz) is null or created_at < :before)
            order by created_at desc, id desc limit :limit offset :offset
            """)
        .param("p", project.value())
        .param("result", result)
        .param("c", campaignId)
        .param("customer", customerId)
        .param("voucher", voucherId)
        .param("after", Sql.ts(after))
        .param("before", Sql.ts(before))
        .param("limit", limit)
        .param("offset", offset)
        .query(RedemptionRepository::map)
        .list();
  }

  /** Successful, not rolled back redemptions in a campaign since {@code since} (null: ever). */
  long campaignCount(
      String campaignId, Instant since, String customerId, boolean distinctCustomers) {
    return jdbc.sql(
            "select "
                + (distinctCustomers ? "count(distinct customer_id)" : "count(*)")
                + """
                 from redemption where campaign_id = :c and result = 'SUCCESS'
                  and related_object_type <> 'redemption' and rollback_id is null
                  and (cast(:since as timestamptz) is null or created_at >= :since)
                  and (cast(:customer as text) is null or customer_id = :customer)
                """)
        .param("c", campaignId)
        .param("since", Sql.ts(since))
        .param("customer", customerId)
        .query(Long.class)
        .single();
  }

  void lockCustomer(ProjectId project, String customerId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
        .param("k", "redemptions-summary:" + project.value() + ":" + customerId)
        .query()
        .singleRow();
  }

  Totals totals(ProjectId project, String customerId) {
    return jdbc.sql(
            """
            select count(*) as redeemed,
              count(*) filter (where result = 'FAILURE') as failed,
              count(*) filter (where result = 'SUCCESS') as succeeded,
              count(*) filter (where rollback_id is not null) as rolled_back,
              coalesce(sum(gift_amount) filter (where result = 'SUCCESS' and rollback_id is null), 0)
                as gift
            from redemption where project_id = :p and customer_id = :c
              and related_object_type <> 'redemption'
            """)
        .param("p", project.value())
        .param("c", customerId)
        .query(
            (rs, i) ->
                new Totals(
                    rs.getLong("redeemed"),
                    rs.getLong("failed"),
                    rs.getLong("succeeded"),
                    rs.getLong("rolled_back"),
                    rs.getLong("gift")))
        .single();
  }

  private static Row map(ResultSet rs, int i) throws SQLException {
    return new Row(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("parent_id"),
        rs.getString("customer_id"),
        rs.getString("tracking_id"),
        rs.getString("order_id"),
        rs.getString("related_object_type"),
        rs.getString("related_object_id"),
        rs.getString("voucher_id"),
        rs.getString("voucher_code"),
        rs.getString("promotion_tier_id"),
        rs.getString("campaign_id"),
        rs.getLong("amount"),
        rs.getObject("gift_amount", Long.class),
        rs.getString("result"),
        rs.getString("status"),
        rs.getString("failure_code"),
        rs.getString("failure_message"),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        CampaignRepository.nullable(rs.getString("channel")),
        rs.getString("rollback_id"),
        Sql.instant(rs, "created_at"));
  }
}
