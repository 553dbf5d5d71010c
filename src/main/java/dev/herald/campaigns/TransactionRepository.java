package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Gift card balance changes ({@code voucher_transaction}). */
@Repository
class TransactionRepository {

  private final JdbcClient jdbc;

  TransactionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  ObjectNode insert(
      ProjectId project,
      Voucher v,
      String sourceId,
      String type,
      long amount,
      long balance,
      String reason,
      JsonNode related,
      Instant at) {
    String id = Ids.newId("vtx_");
    jdbc.sql(
            """
            insert into voucher_transaction (id, project_id, voucher_id, source_id, type, amount,
              balance, reason, related_object, created_at)
            values (:id, :p, :v, :source, :type, :amount, :balance, :reason,
              cast(:related as jsonb), :at)
            """)
        .param("id", id)
        .param("p", project.value())
        .param("v", v.id())
        .param("source", sourceId)
        .param("type", type)
        .param("amount", amount)
        .param("balance", balance)
        .param("reason", reason)
        .param("related", Json.write(related))
        .param("at", Sql.ts(at))
        .update();
    return json(id, v, sourceId, type, amount, balance, reason, related, at);
  }

  Optional<ObjectNode> bySourceId(Voucher v, String sourceId) {
    return jdbc.sql("select * from voucher_transaction where voucher_id = :v and source_id = :s")
        .param("v", v.id())
        .param("s", sourceId)
        .query(
            (rs, i) ->
                json(
                    rs.getString("id"),
                    v,
                    sourceId,
                    rs.getString("type"),
                    rs.getLong("amount"),
                    rs.getLong("balance"),
                    rs.getString("reason"),
                    Json.parse(rs.getString("related_object")),
                    Sql.instant(rs, "created_at")))
        .optional();
  }

  List<ObjectNode> ofVoucher(Voucher v, int limit) {
    return jdbc.sql(
            "select * from voucher_transaction where voucher_id = :v"
                + " order by created_at desc, id desc limit :limit")
        .param("v", v.id())
        .param("limit", limit)
        .query(
            (rs, i) ->
                json(
                    rs.getString("id"),
                    v,
                    rs.getString("source_id"),
                    rs.getString("type"),
                    rs.getLong("amount"),
                    rs.getLong("balance"),
                    rs.getString("reason"),
                    Json.parse(rs.getString("related_object")),
                    Sql.instant(rs, "created_at")))
        .list();
  }

  private static ObjectNode json(
      String id,
      Voucher v,
      String sourceId,
      String type,
      long amount,
      long balance,
      String reason,
      JsonNode related,
      Instant at) {
    ObjectNode out = Json.object();
    out.put("id", id);
    out.put("source_id", sourceId);
    out.put("voucher_id", v.id());
    out.put("campaign_id", v.campaignId());
    out.putNull("source");
    out.put("reason", reason);
    out.put("type", type);
    ObjectNode details = Json.object();
    details.set(
        "balance",
        Json.object()
            .put("type", "gift_voucher")
            .put("total", v.giftAmount())
            .put("amount", amount)
            .put("object", "balance")
            .put("balance", balance));
    if (related != null && !related.isNull()) {
      details.set("related_object", related);
    }
    out.set("details", details);
    out.put("related_transaction_id", (String) null);
    out.put("created_at", Times.format(at));
    return out;
  }
}
