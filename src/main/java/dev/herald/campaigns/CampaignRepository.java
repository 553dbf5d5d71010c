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
class CampaignRepository {

  private final JdbcClient jdbc;

  CampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts unless the name is taken (then false). */
  boolean insert(Campaign c) {
    return jdbc.sql(
                """
                insert into campaign (id, project_id, name, description, campaign_type, type,
                  join_once, auto_join, voucher, referral_program, start_date, expiration_date,
                  validity_timeframe, validity_day_of_week, validity_hours,
                  activity_duration_after_publishing, category, metadata, active, vouchers_target,
                  generation_status, created_at)
                values (:id, :p, :name, :description, :campaignType, :type, :joinOnce, :autoJoin,
                  cast(:voucher as jsonb), cast(:referral as jsonb), :start, :end,
                  cast(:timeframe as jsonb), cast(:days as jsonb), cast(:hours as jsonb),
                  :activity, :category, cast(:metadata as jsonb), :active, :target, :status, :at)
                on conflict (project_id, name) where deleted_at is null do nothing
                """)
            .params(params(c))
            .param("at", Sql.ts(c.createdAt()))
            .update()
        == 1;
  }

  void update(Campaign c) {
    jdbc.sql(
            """
            update campaign set name = :name, description = :description, type = :type,
              join_once = :joinOnce, auto_join = :autoJoin, voucher = cast(:voucher as jsonb),
              referral_program = cast(:referral as jsonb), start_date = :start,
              expiration_date = :end, validity_timeframe = cast(:timeframe as jsonb),
              validity_day_of_week = cast(:days as jsonb), validity_hours = cast(:hours as jsonb),
              activity_duration_after_publishing = :activity, category = :category,
              metadata = cast(:metadata as jsonb), active = :active, vouchers_target = :target,
              generation_status = :status, updated_at = :updated
            where id = :id and project_id = :p
            """)
        .params(params(c))
        .param("updated", Sql.ts(c.updatedAt()))
        .update();
  }

  private static java.util.Map<String, Object> params(Campaign c) {
    java.util.Map<String, Object> m = new java.util.HashMap<>();
    m.put("id", c.id());
    m.put("p", c.projectId().value());
    m.put("name", c.name());
    m.put("description", c.description());
    m.put("campaignType", c.campaignType());
    m.put("type", c.type());
    m.put("joinOnce", c.joinOnce());
    m.put("autoJoin", c.autoJoin());
    m.put("voucher", Json.write(c.voucher()));
    m.put("referral", Json.write(c.referralProgram()));
    m.put("start", Sql.ts(c.validity().startDate()));
    m.put("end", Sql.ts(c.validity().expirationDate()));
    m.put("timeframe", Json.write(c.validity().timeframe()));
    m.put("days", Json.write(c.validity().dayOfWeek()));
    m.put("hours", Json.write(c.validity().hours()));
    m.put("activity", c.activityDurationAfterPublishing());
    m.put("category", c.category());
    m.put("metadata", Json.write(c.metadata()));
    m.put("active", c.active());
    m.put("target", c.vouchersTarget());
    m.put("status", c.generationStatus());
    return m;
  }

  void setGenerationStatus(String id, String status) {
    jdbc.sql("update campaign set generation_status = :s where id = :id")
        .param("s", status)
        .param("id", id)
        .update();
  }

  void softDelete(ProjectId project, String id, Instant at) {
    jdbc.sql("update campaign set deleted_at = :at where id = :id and project_id = :p")
        .param("at", Sql.ts(at))
        .param("id", id)
        .param("p", project.value())
        .update();
  }

  /** By id or by name. */
  boolean anyOfType(ProjectId project, String campaignType) {
    return jdbc.sql(
            "select exists (select 1 from campaign where project_id = :project"
                + " and campaign_type = :type and deleted_at is null)")
        .param("project", project.value())
        .param("type", campaignType)
        .query(Boolean.class)
        .single();
  }

  Optional<Campaign> find(ProjectId project, String idOrName, boolean lock) {
    return jdbc.sql(
            "select * from campaign where project_id = :p and deleted_at is null"
                + " and (id = :key or name = :key) order by (id = :key) desc limit 1"
                + (lock ? " for update" : ""))
        .param("p", project.value())
        .param("key", idOrName)
        .query(CampaignRepository::map)
        .optional();
  }

  Optional<Campaign> byId(String id) {
    return jdbc.sql("select * from campaign where id = :id")
        .param("id", id)
        .query(CampaignRepository::map)
        .optional();
  }

  List<Campaign> list(ProjectId project, String campaignType, int limit, int offset) {
    return jdbc.sql(
            """
            select * from campaign where project_id = :p and deleted_at is null
              and (cast(:t as text) is null or campaign_type = :t)
            order by created_at desc, id desc limit :limit offset :offset
            """)
        .param("p", project.value())
        .param("t", campaignType)
        .param("limit", limit)
        .param("offset", offset)
        .query(CampaignRepository::map)
        .list();
  }

  long count(ProjectId project, String campaignType) {
    return jdbc.sql(
            """
            select count(*) from campaign where project_id = :p and deleted_at is null
              and (cast(:t as text) is null or campaign_type = :t)
            """)
        .param("p", project.value())
        .param("t", campaignType)
        .query(Long.class)
        .single();
  }

  static Campaign map(ResultSet rs, int i) throws SQLException {
    return new Campaign(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("campaign_type"),
        rs.getString("type"),
        rs.getBoolean("join_once"),
        rs.getBoolean("auto_join"),
        objectOrNull(rs.getString("voucher")),
        nullable(rs.getString("referral_program")),
        new Validity(
            Sql.instant(rs, "start_date"),
            Sql.instant(rs, "expiration_date"),
            nullable(rs.getString("validity_timeframe")),
            nullable(rs.getString("validity_day_of_week")),
            nullable(rs.getString("validity_hours"))),
        rs.getString("activity_duration_after_publishing"),
        rs.getString("category"),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        rs.getBoolean("active"),
        rs.getInt("vouchers_target"),
        rs.getString("generation_status"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  static JsonNode nullable(String text) {
    if (text == null) {
      return null;
    }
    JsonNode n = Json.parse(text);
    return n.isNull() ? null : n;
  }

  static ObjectNode objectOrNull(String text) {
    JsonNode n = nullable(text);
    return n instanceof ObjectNode o ? o : null;
  }
}
