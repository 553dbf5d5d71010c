package dev.herald.loyalty;

import dev.herald.projects.ProjectId;
import dev.herald.shared.Ids;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

/** Cards ({@code loyalty_card}) and their ledger ({@code loyalty_transaction}). */
@Repository
class CardRepository {

  /** One ledger row. */
  record Transaction(
      String id,
      String voucherId,
      String campaignId,
      String type,
      long points,
      long balance,
      String sourceId,
      String source,
      String reason,
      ObjectNode details,
      String relatedTransactionId,
      Instant createdAt) {}

  private final JdbcClient jdbc;

  CardRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the card's row unless it exists; true when this call created it. */
  boolean insert(Card c) {
    return jdbc.sql(
                """
                insert into loyalty_card (voucher_id, project_id, campaign_id, code, holder_id,
                  balance, points, created_at)
                values (:v, :p, :c, :code, :holder, 0, 0, :at)
                on conflict (voucher_id) do nothing
                """)
            .param("v", c.voucherId())
            .param("p", c.projectId().value())
            .param("c", c.campaignId())
            .param("code", c.code())
            .param("holder", c.holderId())
            .param("at", Sql.ts(c.createdAt()))
            .update()
        == 1;
  }

  /** The card, locked until the end of the transaction: every change of a card holds this. */
  Optional<Card> lock(String voucherId) {
    return jdbc.sql("select * from loyalty_card where voucher_id = :v for update")
        .param("v", voucherId)
        .query(CardRepository::map)
        .optional();
  }

  Optional<Card> find(String voucherId) {
    return jdbc.sql("select * from loyalty_card where voucher_id = :v")
        .param("v", voucherId)
        .query(CardRepository::map)
        .optional();
  }

  void setHolder(String voucherId, String holderId) {
    jdbc.sql(
            "update loyalty_card set holder_id = :h where voucher_id = :v"
                + " and holder_id is distinct from :h")
        .param("h", holderId)
        .param("v", voucherId)
        .update();
  }

  void update(Card c) {
    jdbc.sql(
            """
            update loyalty_card set balance = :balance, points = :points, tier_id = :tier,
              tier_expires_at = :tierExpires, updated_at = :at
            where voucher_id = :v
            """)
        .param("balance", c.balance())
        .param("points", c.points())
        .param("tier", c.tierId())
        .param("tierExpires", Sql.ts(c.tierExpiresAt()))
        .param("at", Sql.ts(c.updatedAt()))
        .param("v", c.voucherId())
        .update();
  }

  List<Card> ofHolder(ProjectId project, String customerId) {
    return jdbc.sql(
            "select * from loyalty_card where project_id = :p and holder_id = :h"
                + " order by created_at, voucher_id")
        .param("p", project.value())
        .param("h", customerId)
        .query(CardRepository::map)
        .list();
  }

  /** A page of a campaign's cards after {@code afterVoucherId} (keyset order). */
  List<String> idsOfCampaign(String campaignId, String afterVoucherId, int limit) {
    return jdbc.sql(
            "select voucher_id from loyalty_card where campaign_id = :c and voucher_id > :after"
                + " order by voucher_id limit :limit")
        .param("c", campaignId)
        .param("after", afterVoucherId == null ? "" : afterVoucherId)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /** Cards whose tier is due to expire. */
  List<String> tierDue(Instant now, int limit) {
    return jdbc.sql(
            "select voucher_id from loyalty_card where tier_expires_at <= :now"
                + " order by tier_expires_at limit :limit")
        .param("now", Sql.ts(now))
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  Transaction insertTransaction(
      ProjectId project,
      Card card,
      String type,
      long points,
      long balance,
      Origin origin,
      ObjectNode details,
      Instant at) {
    String id = Ids.newId("vtx_");
    jdbc.sql(
            """
            insert into loyalty_transaction (id, project_id, voucher_id, campaign_id, type,
              points, balance, source_id, source, reason, details, origin_key,
              related_transaction_id, created_at)
            values (:id, :p, :v, :c, :type, :points, :balance, :sourceId, :source, :reason,
              cast(:details as jsonb), :origin, :related, :at)
            """)
        .param("id", id)
        .param("p", project.value())
        .param("v", card.voucherId())
        .param("c", card.campaignId())
        .param("type", type)
        .param("points", points)
        .param("balance", balance)
        .param("sourceId", origin.sourceId())
        .param("source", origin.source())
        .param("reason", origin.reason())
        .param("details", Json.write(details))
        .param("origin", origin.key())
        .param("related", origin.relatedTransactionId())
        .param("at", Sql.ts(at))
        .update();
    return new Transaction(
        id,
        card.voucherId(),
        card.campaignId(),
        type,
        points,
        balance,
        origin.sourceId(),
        origin.source(),
        origin.reason(),
        details,
        origin.relatedTransactionId(),
        at);
  }

  /** The change made earlier under the same {@code source_id} or origin key, if any. */
  Optional<Transaction> earlier(String voucherId, Origin origin) {
    if (origin.sourceId() == null && origin.key() == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            select * from loyalty_transaction where voucher_id = :v
              and ((cast(:s as text) is not null and source_id = :s)
                or (cast(:k as text) is not null and origin_key = :k))
            limit 1
            """)
        .param("v", voucherId)
        .param("s", origin.sourceId())
        .param("k", origin.key())
        .query(CardRepository::transaction)
        .optional();
  }

  /** Newest first; {@code beforeSeqOf} pages by a transaction id. */
  List<Transaction> transactions(String voucherId, String startingAfterId, int limit) {
    return jdbc.sql(
            """
            select * from loyalty_transaction where voucher_id = :v
              and (cast(:after as text) is null
                or seq < (select seq from loyalty_transaction where id = :after))
            order by seq desc limit :limit
            """)
        .param("v", voucherId)
        .param("after", startingAfterId)
        .param("limit", limit)
        .query(CardRepository::transaction)
        .list();
  }

  long ledgerSum(String voucherId) {
    return jdbc.sql(
            "select coalesce(sum(points), 0) from loyalty_transaction where voucher_id = :v")
        .param("v", voucherId)
        .query(Long.class)
        .single();
  }

  private static Card map(ResultSet rs, int i) throws SQLException {
    return new Card(
        rs.getString("voucher_id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("campaign_id"),
        rs.getString("code"),
        rs.getString("holder_id"),
        rs.getLong("balance"),
        rs.getLong("points"),
        rs.getString("tier_id"),
        Sql.instant(rs, "tier_expires_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private static Transaction transaction(ResultSet rs, int i) throws SQLException {
    return new Transaction(
        rs.getString("id"),
        rs.getString("voucher_id"),
        rs.getString("campaign_id"),
        rs.getString("type"),
        rs.getLong("points"),
        rs.getLong("balance"),
        rs.getString("source_id"),
        rs.getString("source"),
        rs.getString("reason"),
        (ObjectNode) Json.parse(rs.getString("details")),
        rs.getString("related_transaction_id"),
        Sql.instant(rs, "created_at"));
  }
}
