package dev.herald.loyalty;

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
import tools.jackson.databind.node.ObjectNode;

/** Rewards, their assignments to programs, and reward redemptions. */
@Repository
class RewardRepository {

  /** A reward: a code from a campaign, pay-with-points coins, or a material product. */
  record Reward(
      String id,
      ProjectId projectId,
      String name,
      String type,
      ObjectNode parameters,
      Long stock,
      long redeemed,
      ObjectNode attributes,
      ObjectNode metadata,
      Instant createdAt,
      Instant updatedAt) {}

  /** A reward offered in a loyalty program for {@code points}. */
  record Assignment(
      String id,
      ProjectId projectId,
      String rewardId,
      String campaignId,
      Long points,
      Instant createdAt,
      Instant updatedAt) {}

  private final JdbcClient jdbc;

  RewardRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Reward r) {
    jdbc.sql(
            """
            insert into reward (id, project_id, name, type, parameters, stock, attributes,
              metadata, created_at)
            values (:id, :p, :name, :type, cast(:parameters as jsonb), :stock,
              cast(:attributes as jsonb), cast(:metadata as jsonb), :at)
            """)
        .param("id", r.id())
        .param("p", r.projectId().value())
        .param("name", r.name())
        .param("type", r.type())
        .param("parameters", Json.write(r.parameters()))
        .param("stock", r.stock())
        .param("attributes", Json.write(r.attributes()))
        .param("metadata", Json.write(r.metadata()))
        .param("at", Sql.ts(r.createdAt()))
        .update();
  }

  /** Updates the editable fields; false when the new stock is below what was redeemed. */
  boolean update(Reward r) {
    return jdbc.sql(
                """
                update reward set name = :name, parameters = cast(:parameters as jsonb),
                  stock = :stock, attributes = cast(:attributes as jsonb),
                  metadata = cast(:metadata as jsonb), updated_at = :at
                where id = :id and (cast(:stock as bigint) is null or redeemed <= :stock)
                """)
            .param("name", r.name())
            .param("parameters", Json.write(r.parameters()))
            .param("stock", r.stock())
            .param("attributes", Json.write(r.attributes()))
            .param("metadata", Json.write(r.metadata()))
            .param("at", Sql.ts(r.updatedAt()))
            .param("id", r.id())
            .update()
        == 1;
  }

  void delete(String id, Instant at) {
    jdbc.sql("update reward set deleted_at = :at where id = :id")
        .param("at", Sql.ts(at))
        .param("id", id)
        .update();
    jdbc.sql(
            "update reward_assignment set deleted_at = :at where reward_id = :id"
                + " and deleted_at is null")
        .param("at", Sql.ts(at))
        .param("id", id)
        .update();
  }

  /** Takes one from the stock; false when none is left. */
  boolean take(String id) {
    return jdbc.sql(
                "update reward set redeemed = redeemed + 1 where id = :id"
                    + " and (stock is null or redeemed < stock)")
            .param("id", id)
            .update()
        == 1;
  }

  Optional<Reward> byId(ProjectId project, String id) {
    return jdbc.sql(
            "select * from reward where project_id = :p and id = :id and deleted_at is null")
        .param("p", project.value())
        .param("id", id)
        .query(RewardRepository::reward)
        .optional();
  }

  List<Reward> list(ProjectId project, int limit, int offset) {
    return jdbc.sql(
            "select * from reward where project_id = :p and deleted_at is null"
                + " order by created_at desc, id limit :limit offset :offset")
        .param("p", project.value())
        .param("limit", limit)
        .param("offset", offset)
        .query(RewardRepository::reward)
        .list();
  }

  long count(ProjectId project) {
    return jdbc.sql("select count(*) from reward where project_id = :p and deleted_at is null")
        .param("p", project.value())
        .query(Long.class)
        .single();
  }

  /** Inserts unless the reward is already assigned to the campaign (then false). */
  boolean insert(Assignment a) {
    return jdbc.sql(
                """
                insert into reward_assignment (id, project_id, reward_id, campaign_id, points,
                  created_at)
                values (:id, :p, :reward, :c, :points, :at)
                on conflict (reward_id, campaign_id) where deleted_at is null do nothing
                """)
            .param("id", a.id())
            .param("p", a.projectId().value())
            .param("reward", a.rewardId())
            .param("c", a.campaignId())
            .param("points", a.points())
            .param("at", Sql.ts(a.createdAt()))
            .update()
        == 1;
  }

  void update(Assignment a) {
    jdbc.sql("update reward_assignment set points = :points, updated_at = :at where id = :id")
        .param("points", a.points())
        .param("at", Sql.ts(a.updatedAt()))
        .param("id", a.id())
        .update();
  }

  void deleteAssignment(String id, Instant at) {
    jdbc.sql("update reward_assignment set deleted_at = :at where id = :id")
        .param("at", Sql.ts(at))
        .param("id", id)
        .update();
  }

  Optional<Assignment> assignment(ProjectId project, String id) {
    return jdbc.sql(
            "select * from reward_assignment where project_id = :p and id = :id"
                + " and deleted_at is null")
        .param("p", project.value())
        .param("id", id)
        .query(RewardRepository::assignment)
        .optional();
  }

  Optional<Assignment> assignmentOf(String rewardId, String campaignId) {
    return jdbc.sql(
            "select * from reward_assignment where reward_id = :r and campaign_id = :c"
                + " and deleted_at is null")
        .param("r", rewardId)
        .param("c", campaignId)
        .query(RewardRepository::assignment)
        .optional();
  }

  /** Assignments of a reward ({@code rewardId}) or of a program ({@code campaignId}). */
  List<Assignment> assignments(String rewardId, String campaignId, int limit, int offset) {
    return jdbc.sql(
            """
            select * from reward_assignment where deleted_at is null
              and (cast(:r as text) is null or reward_id = :r)
              and (cast(:c as text) is null or campaign_id = :c)
            order by created_at, id limit :limit offset :offset
            """)
        .param("r", rewardId)
        .param("c", campaignId)
        .param("limit", limit)
        .param("offset", offset)
        .query(RewardRepository::assignment)
        .list();
  }

  long countAssignments(String rewardId, String campaignId) {
    return jdbc.sql(
            """
            select count(*) from reward_assignment where deleted_at is null
              and (cast(:r as text) is null or reward_id = :r)
              and (cast(:c as text) is null or campaign_id = :c)
            """)
        .param("r", rewardId)
        .param("c", campaignId)
        .query(Long.class)
        .single();
  }

  void insertRedemption(
      String id,
      Card card,
      String customerId,
      Reward reward,
      Assignment assignment,
      long points,
      long amount,
      String issuedVoucherId,
      String publicationId,
      String orderId,
      ObjectNode metadata,
      Instant at) {
    jdbc.sql(
            """
            insert into reward_redemption (id, project_id, campaign_id, voucher_id, customer_id,
              reward_id, assignment_id, points, amount, issued_voucher_id, publication_id,
              order_id, metadata, created_at)
            values (:id, :p, :c, :v, :customer, :reward, :assignment, :points, :amount, :issued,
              :publication, :order, cast(:metadata as jsonb), :at)
            """)
        .param("id", id)
        .param("p", card.projectId().value())
        .param("c", card.campaignId())
        .param("v", card.voucherId())
        .param("customer", customerId)
        .param("reward", reward.id())
        .param("assignment", assignment == null ? null : assignment.id())
        .param("points", points)
        .param("amount", amount)
        .param("issued", issuedVoucherId)
        .param("publication", publicationId)
        .param("order", orderId)
        .param("metadata", Json.write(metadata))
        .param("at", Sql.ts(at))
        .update();
  }

  private static Reward reward(ResultSet rs, int i) throws SQLException {
    return new Reward(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("name"),
        rs.getString("type"),
        (ObjectNode) Json.parse(rs.getString("parameters")),
        rs.getObject("stock", Long.class),
        rs.getLong("redeemed"),
        (ObjectNode) Json.parse(rs.getString("attributes")),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private static Assignment assignment(ResultSet rs, int i) throws SQLException {
    return new Assignment(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("reward_id"),
        rs.getString("campaign_id"),
        rs.getObject("points", Long.class),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
