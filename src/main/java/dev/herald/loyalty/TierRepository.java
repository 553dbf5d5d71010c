package dev.herald.loyalty;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Tiers ({@code loyalty_tier}) and program settings ({@code loyalty_program}). */
@Repository
class TierRepository {

  private final JdbcClient jdbc;

  TierRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Tier t) {
    jdbc.sql(
            """
            insert into loyalty_tier (id, project_id, campaign_id, name, points_from, points_to,
              earning_rules, rewards, metadata, created_at)
            values (:id, :p, :c, :name, :from, :to, cast(:ern as jsonb), cast(:rew as jsonb),
              cast(:meta as jsonb), :at)
            """)
        .param("id", t.id())
        .param("p", t.projectId().value())
        .param("c", t.campaignId())
        .param("name", t.name())
        .param("from", t.from())
        .param("to", t.to())
        .param("ern", Json.write(t.earningRules()))
        .param("rew", Json.write(t.rewards()))
        .param("meta", Json.write(t.metadata()))
        .param("at", Sql.ts(t.createdAt()))
        .update();
  }

  /** The program's tiers, lowest first. */
  List<Tier> ofCampaign(String campaignId) {
    return jdbc.sql("select * from loyalty_tier where campaign_id = :c order by points_from, id")
        .param("c", campaignId)
        .query(TierRepository::map)
        .list();
  }

  Optional<Tier> byId(ProjectId project, String id) {
    return jdbc.sql("select * from loyalty_tier where project_id = :p and id = :id")
        .param("p", project.value())
        .param("id", id)
        .query(TierRepository::map)
        .optional();
  }

  /** Serializes changes to a program's tiers (creating tiers checks overlaps). */
  void lockProgram(String campaignId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
        .param("k", "loyalty-tiers:" + campaignId)
        .query()
        .singleRow();
  }

  void saveProgram(ProjectId project, String campaignId, JsonNode tiersExpiration) {
    jdbc.sql(
            """
            insert into loyalty_program (campaign_id, project_id, tiers_expiration)
            values (:c, :p, cast(:exp as jsonb))
            on conflict (campaign_id) do update set tiers_expiration = excluded.tiers_expiration
            """)
        .param("c", campaignId)
        .param("p", project.value())
        .param("exp", tiersExpiration == null ? null : Json.write(tiersExpiration))
        .update();
  }

  /** The program's {@code loyalty_tiers_expiration}, if it has one. */
  Optional<JsonNode> tiersExpiration(String campaignId) {
    return jdbc.sql("select tiers_expiration::text from loyalty_program where campaign_id = :c")
        .param("c", campaignId)
        .query((rs, i) -> Optional.ofNullable(rs.getString(1)).map(Json::parse))
        .optional()
        .flatMap(o -> o)
        .filter(n -> !n.isNull());
  }

  private static Tier map(ResultSet rs, int i) throws SQLException {
    return new Tier(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("campaign_id"),
        rs.getString("name"),
        rs.getLong("points_from"),
        rs.getObject("points_to", Long.class),
        (ObjectNode) Json.parse(rs.getString("earning_rules")),
        (ObjectNode) Json.parse(rs.getString("rewards")),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
