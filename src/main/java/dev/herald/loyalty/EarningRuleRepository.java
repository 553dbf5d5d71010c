package dev.herald.loyalty;

import dev.herald.campaigns.Validity;
import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Earning rules ({@code earning_rule}). */
@Repository
class EarningRuleRepository {

  private final JdbcClient jdbc;

  EarningRuleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(EarningRule r) {
    jdbc.sql(
            """
            insert into earning_rule (id, project_id, campaign_id, event, segment_id,
              loyalty_tier_id, custom_event, loyalty, source, validation_rule_id, active,
              start_date, expiration_date, validity_timeframe, validity_day_of_week,
              validity_hours, metadata, automation_id, created_at)
            values (:id, :p, :c, :event, :segment, :tier, cast(:customEvent as jsonb),
              cast(:loyalty as jsonb), cast(:source as jsonb), :rule, :active, :start, :end,
              cast(:timeframe as jsonb), cast(:days as jsonb), cast(:hours as jsonb),
              cast(:metadata as jsonb), :automation, :at)
            """)
        .params(params(r))
        .param("at", Sql.ts(r.createdAt()))
        .update();
  }

  void update(EarningRule r) {
    jdbc.sql(
            """
            update earning_rule set loyalty = cast(:loyalty as jsonb),
              source = cast(:source as jsonb), validation_rule_id = :rule, active = :active,
              start_date = :start, expiration_date = :end,
              validity_timeframe = cast(:timeframe as jsonb),
              validity_day_of_week = cast(:days as jsonb), validity_hours = cast(:hours as jsonb),
              metadata = cast(:metadata as jsonb), updated_at = :updated
            where id = :id
            """)
        .params(params(r))
        .param("updated", Sql.ts(r.updatedAt()))
        .update();
  }

  private static Map<String, Object> params(EarningRule r) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", r.id());
    m.put("p", r.projectId().value());
    m.put("c", r.campaignId());
    m.put("event", r.event());
    m.put("segment", r.segmentId());
    m.put("tier", r.loyaltyTierId());
    m.put("customEvent", Json.write(r.customEvent()));
    m.put("loyalty", Json.write(r.loyalty()));
    m.put("source", Json.write(r.source()));
    m.put("rule", r.validationRuleId());
    m.put("active", r.active());
    m.put("start", Sql.ts(r.validity().startDate()));
    m.put("end", Sql.ts(r.validity().expirationDate()));
    m.put("timeframe", Json.write(r.validity().timeframe()));
    m.put("days", Json.write(r.validity().dayOfWeek()));
    m.put("hours", Json.write(r.validity().hours()));
    m.put("metadata", Json.write(r.metadata()));
    m.put("automation", r.automationId());
    return m;
  }

  void delete(String id, Instant at) {
    jdbc.sql("update earning_rule set deleted_at = :at where id = :id")
        .param("at", Sql.ts(at))
        .param("id", id)
        .update();
  }

  Optional<EarningRule> byId(ProjectId project, String campaignId, String id) {
    return jdbc.sql(
            "select * from earning_rule where project_id = :p and campaign_id = :c and id = :id"
                + " and deleted_at is null")
        .param("p", project.value())
        .param("c", campaignId)
        .param("id", id)
        .query(EarningRuleRepository::map)
        .optional();
  }

  List<EarningRule> ofCampaign(String campaignId, String tierId, int limit, int offset) {
    return jdbc.sql(
            """
            select * from earning_rule where campaign_id = :c and deleted_at is null
              and (cast(:tier as text) is null or loyalty_tier_id = :tier)
            order by created_at, id limit :limit offset :offset
            """)
        .param("c", campaignId)
        .param("tier", tierId)
        .param("limit", limit)
        .param("offset", offset)
        .query(EarningRuleRepository::map)
        .list();
  }

  long count(String campaignId, String tierId) {
    return jdbc.sql(
            """
            select count(*) from earning_rule where campaign_id = :c and deleted_at is null
              and (cast(:tier as text) is null or loyalty_tier_id = :tier)
            """)
        .param("c", campaignId)
        .param("tier", tierId)
        .query(Long.class)
        .single();
  }

  /** Whether the project has any live earning rule. */
  boolean anyLive(ProjectId project) {
    return jdbc.sql(
            "select exists (select 1 from earning_rule where project_id = :p"
                + " and deleted_at is null and active)")
        .param("p", project.value())
        .query(Boolean.class)
        .single();
  }

  /** Whether the project has a loyalty program (whose cards' publications open their ledgers). */
  boolean anyProgram(ProjectId project) {
    return jdbc.sql("select exists (select 1 from loyalty_program where project_id = :p)")
        .param("p", project.value())
        .query(Boolean.class)
        .single();
  }

  /** The project's live rules reacting to {@code event}, oldest first. */
  List<EarningRule> forEvent(ProjectId project, String event) {
    return jdbc.sql(
            "select * from earning_rule where project_id = :p and event = :e"
                + " and deleted_at is null and active order by created_at, id")
        .param("p", project.value())
        .param("e", event)
        .query(EarningRuleRepository::map)
        .list();
  }

  private static EarningRule map(ResultSet rs, int i) throws SQLException {
    return new EarningRule(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("campaign_id"),
        rs.getString("event"),
        rs.getString("segment_id"),
        rs.getString("loyalty_tier_id"),
        nullable(rs.getString("custom_event")),
        (ObjectNode) Json.parse(rs.getString("loyalty")),
        (ObjectNode) Json.parse(rs.getString("source")),
        rs.getString("validation_rule_id"),
        rs.getBoolean("active"),
        new Validity(
            Sql.instant(rs, "start_date"),
            Sql.instant(rs, "expiration_date"),
            nullable(rs.getString("validity_timeframe")),
            nullable(rs.getString("validity_day_of_week")),
            nullable(rs.getString("validity_hours"))),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        rs.getString("automation_id"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private static JsonNode nullable(String text) {
    if (text == null) {
      return null;
    }
    JsonNode n = Json.parse(text);
    return n.isNull() ? null : n;
  }
}
