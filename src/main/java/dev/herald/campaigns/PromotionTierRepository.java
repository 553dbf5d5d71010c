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
import tools.jackson.databind.node.ObjectNode;

@Repository
class PromotionTierRepository {

  private final JdbcClient jdbc;

  PromotionTierRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(PromotionTier t) {
    jdbc.sql(
            """
            insert into promotion_tier (id, project_id, campaign_id, name, banner, action, metadata,
              hierarchy, active, start_date, expiration_date, validity_timeframe,
              validity_day_of_week, validity_hours, created_at)
            values (:id, :p, :c, :name, :banner, cast(:action as jsonb), cast(:metadata as jsonb),
              :hierarchy, :active, :start, :end, cast(:tf as jsonb), cast(:days as jsonb),
              cast(:hours as jsonb), :at)
            """)
        .param("id", t.id())
        .param("p", t.projectId().value())
        .param("c", t.campaignId())
        .param("name", t.name())
        .param("banner", t.banner())
        .param("action", Json.write(t.action()))
        .param("metadata", Json.write(t.metadata()))
        .param("hierarchy", t.hierarchy())
        .param("active", t.active())
        .param("start", Sql.ts(t.validity().startDate()))
        .param("end", Sql.ts(t.validity().expirationDate()))
        .param("tf", Json.write(t.validity().timeframe()))
        .param("days", Json.write(t.validity().dayOfWeek()))
        .param("hours", Json.write(t.validity().hours()))
        .param("at", Sql.ts(t.createdAt()))
        .update();
  }

  void update(PromotionTier t) {
    jdbc.sql(
            """
            update promotion_tier set name = :name, banner = :banner, action = cast(:action as jsonb),
              metadata = cast(:metadata as jsonb), hierarchy = :hierarchy, active = :active,
              start_date = :start, expiration_date = :end, validity_timeframe = cast(:tf as jsonb),
              validity_day_of_week = cast(:days as jsonb), validity_hours = cast(:hours as jsonb),
              updated_at = :at
            where id = :id
            """)
        .param("id", t.id())
        .param("name", t.name())
        .param("banner", t.banner())
        .param("action", Json.write(t.action()))
        .param("metadata", Json.write(t.metadata()))
        .param("hierarchy", t.hierarchy())
        .param("active", t.active())
        .param("start", Sql.ts(t.validity().startDate()))
        .param("end", Sql.ts(t.validity().expirationDate()))
        .param("tf", Json.write(t.validity().timeframe()))
        .param("days", Json.write(t.validity().dayOfWeek()))
        .param("hours", Json.write(t.validity().hours()))
        .param("at", Sql.ts(t.updatedAt()))
        .update();
  }

  void softDelete(String id, Instant at) {
    jdbc.sql("update promotion_tier set deleted_at = :at where id = :id")
        .param("at", Sql.ts(at))
        .param("id", id)
        .update();
  }

  void addRedeemed(String id, int delta) {
    jdbc.sql("update promotion_tier set redeemed_count = redeemed_count + :d where id = :id")
        .param("d", delta)
        .param("id", id)
        .update();
  }

  Optional<PromotionTier> byId(ProjectId project, String id) {
    return jdbc.sql(
            "select * from promotion_tier where project_id = :p and id = :id and deleted_at is null")
        .param("p", project.value())
        .param("id", id)
        .query(PromotionTierRepository::map)
        .optional();
  }

  List<PromotionTier> ofCampaign(String campaignId) {
    return jdbc.sql(
            "select * from promotion_tier where campaign_id = :c and deleted_at is null"
                + " order by hierarchy, created_at, id")
        .param("c", campaignId)
        .query(PromotionTierRepository::map)
        .list();
  }

  List<PromotionTier> all(ProjectId project, int limit, int offset) {
    return jdbc.sql(
            "select * from promotion_tier where project_id = :p and deleted_at is null"
                + " order by created_at, id limit :limit offset :offset")
        .param("p", project.value())
        .param("limit", limit)
        .param("offset", offset)
        .query(PromotionTierRepository::map)
        .list();
  }

  long countAll(ProjectId project) {
    return jdbc.sql(
            "select count(*) from promotion_tier where project_id = :p and deleted_at is null")
        .param("p", project.value())
        .query(Long.class)
        .single();
  }

  int nextHierarchy(String campaignId) {
    return jdbc.sql(
            "select coalesce(max(hierarchy), 0) + 1 from promotion_tier where campaign_id = :c")
        .param("c", campaignId)
        .query(Integer.class)
        .single();
  }

  private static PromotionTier map(ResultSet rs, int i) throws SQLException {
    return new PromotionTier(
        rs.getString("id"),
        new dev.herald.projects.ProjectId(rs.getString("project_id")),
        rs.getString("campaign_id"),
        rs.getString("name"),
        rs.getString("banner"),
        Json.parse(rs.getString("action")),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        rs.getInt("hierarchy"),
        rs.getBoolean("active"),
        new Validity(
            Sql.instant(rs, "start_date"),
            Sql.instant(rs, "expiration_date"),
            CampaignRepository.nullable(rs.getString("validity_timeframe")),
            CampaignRepository.nullable(rs.getString("validity_day_of_week")),
            CampaignRepository.nullable(rs.getString("validity_hours"))),
        rs.getInt("redeemed_count"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
