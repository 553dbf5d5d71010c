package dev.herald.distributions;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Repository
class DistributionRepository {

  private final JdbcClient jdbc;

  DistributionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Distribution d) {
    jdbc.sql(
            """
            insert into distribution (id, project_id, name, status, trigger_type, trigger, audience,
              action, time_frame, live_since, created_at, updated_at)
            values (:id, :project, :name, :status, :triggerType, cast(:trigger as jsonb),
              cast(:audience as jsonb), cast(:action as jsonb), cast(:timeFrame as jsonb),
              :liveSince, :createdAt, :updatedAt)
            """)
        .params(params(d))
        .update();
  }

  void update(Distribution d) {
    jdbc.sql(
            """
            update distribution set name = :name, status = :status, trigger_type = :triggerType,
              trigger = cast(:trigger as jsonb), audience = cast(:audience as jsonb),
              action = cast(:action as jsonb), time_frame = cast(:timeFrame as jsonb),
              live_since = :liveSince, updated_at = :updatedAt, send_at = :sendAt,
              audience_cursor = :cursor, audience_total = :total, audience_done = :done,
              sending_started_at = :startedAt, finished_at = :finishedAt,
              failure_reason = :failureReason,
              deleted_at = case when :status = 'DELETED' then :updatedAt else deleted_at end
            where id = :id and project_id = :project
            """)
        .params(params(d))
        .update();
  }

  private static java.util.Map<String, Object> params(Distribution d) {
    java.util.Map<String, Object> p = new java.util.HashMap<>();
    p.put("id", d.id());
    p.put("project", d.projectId().value());
    p.put("name", d.name());
    p.put("status", d.status().name());
    p.put("triggerType", d.triggerType());
    p.put("trigger", Json.write(d.trigger()));
    p.put("audience", Json.write(d.audience()));
    p.put("action", Json.write(d.action()));
    p.put("timeFrame", Json.write(d.timeFrame()));
    p.put("liveSince", Sql.ts(d.liveSince()));
    p.put("createdAt", Sql.ts(d.createdAt()));
    p.put("updatedAt", Sql.ts(d.updatedAt()));
    Distribution.Run run = d.run();
    p.put("sendAt", Sql.ts(run.sendAt()));
    p.put("cursor", run.cursor());
    p.put("total", run.total());
    p.put("done", run.done());
    p.put("startedAt", Sql.ts(run.startedAt()));
    p.put("finishedAt", Sql.ts(run.finishedAt()));
    p.put("failureReason", run.failureReason());
    return p;
  }

  /**
   * The distribution, share-locked: its status cannot change (a pause waits) while the caller's
   * transaction runs, and other share-lockers (a send's other ranges) are not held up.
   */
  Optional<Distribution> findShared(ProjectId project, String id) {
    return find(project, id, " for share");
  }

  Optional<Distribution> find(ProjectId project, String id, boolean lock) {
    return find(project, id, lock ? " for update" : "");
  }

  private Optional<Distribution> find(ProjectId project, String id, String locking) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from distribution where project_id = :project and id = :id"
                + " and status <> 'DELETED'"
                + locking)
        .param("project", project.value())
        .param("id", id)
        .query(DistributionRepository::map)
        .optional();
  }

  /** The distributions (not deleted) of these ids, in no particular order. */
  List<Distribution> findAll(ProjectId project, Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from distribution where project_id = :project"
                + " and id = any(cast(:ids as text[])) and status <> 'DELETED'")
        .param("project", project.value())
        .param("ids", ids.toArray(String[]::new))
        .query(DistributionRepository::map)
        .list();
  }

  /** Whether the distribution exists or existed (deleted ones keep their history). */
  boolean known(ProjectId project, String id) {
    return jdbc.sql(
            "select exists (select 1 from distribution where project_id = :project and id = :id)")
        .param("project", project.value())
        .param("id", id)
        .query(Boolean.class)
        .single();
  }

  boolean anyPublishing(ProjectId project) {
    return jdbc.sql(
            "select exists (select 1 from distribution where project_id = :project"
                + " and action ->> 'type' = 'publish_code')")
        .param("project", project.value())
        .query(Boolean.class)
        .single();
  }

  /**
   * Distributions (not deleted) that publish codes of a campaign or are scoped to it, by any of its
   * references (id or name), newest first.
   */
  List<Distribution> usingCampaign(ProjectId project, List<String> refs) {
    return jdbc.sql(
            """
            select %s from distribution
            where project_id = :project and status <> 'DELETED'
              and (action ->> 'campaign_id' = any(cast(:refs as text[]))
                or trigger ->> 'campaign_id' = any(cast(:refs as text[])))
            order by created_at desc, id desc
            """
                .formatted(COLUMNS))
        .param("project", project.value())
        .param("refs", refs.toArray(String[]::new))
        .query(DistributionRepository::map)
        .list();
  }

  /** A distribution still in play that names the segment (trigger scope or audience). */
  Optional<String> usingSegment(ProjectId project, String segmentId) {
    return jdbc.sql(
            """
            select id from distribution
            where project_id = :project
              and status in ('DRAFT', 'LIVE', 'PAUSED', 'SCHEDULED', 'WAITING_FOR_SEGMENT_SYNC',
                'SENDING')
              and (trigger ->> 'segment_id' = :segment or audience ->> 'segment_id' = :segment)
            limit 1
            """)
        .param("project", project.value())
        .param("segment", segmentId)
        .query(String.class)
        .optional();
  }

  boolean anyLive(ProjectId project, String triggerType) {
    return jdbc.sql(
            "select exists (select 1 from distribution where project_id = :project"
                + " and trigger_type = :type and status = 'LIVE')")
        .param("project", project.value())
        .param("type", triggerType)
        .query(Boolean.class)
        .single();
  }

  List<Distribution> live(ProjectId project, String triggerType) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from distribution where project_id = :project and trigger_type = :type"
                + " and status = 'LIVE'")
        .param("project", project.value())
        .param("type", triggerType)
        .query(DistributionRepository::map)
        .list();
  }

  /** LIVE or PAUSED distributions whose time frame ended, now FINISHED. */
  List<Distribution> finishEnded(Instant now) {
    return jdbc.sql(
            """
            update distribution set status = 'FINISHED', updated_at = :now, finished_at = :now
            where status in ('LIVE', 'PAUSED') and time_frame ->> 'end_at' is not null
              and (time_frame ->> 'end_at')::timestamptz <= :now
            returning %s
            """
                .formatted(COLUMNS))
        .param("now", Sql.ts(now))
        .query(DistributionRepository::map)
        .list();
  }

  record ListFilter(
      String status,
      String triggerType,
      String name,
      Instant createdBefore,
      Instant createdAfter,
      String afterId,
      List<String> alsoIds) {

    ListFilter(
        String status,
        String triggerType,
        String name,
        Instant createdBefore,
        Instant createdAfter) {
      this(status, triggerType, name, createdBefore, createdAfter, null, List.of());
    }
  }

  List<Distribution> list(ProjectId project, ListFilter f, int limit, int offset) {
    StringBuilder sql =
        new StringBuilder(
            "select "
                + COLUMNS
                + " from distribution where project_id = :project and status <> 'DELETED'");
    if (f.status() != null) {
      sql.append(" and status = :status");
    }
    if (f.triggerType() != null) {
      sql.append(" and trigger_type = :triggerType");
    }
    if (f.name() != null && !f.alsoIds().isEmpty()) {
      // the name, or one of these (e.g. distributions whose email subject matched)
      sql.append(" and (name ilike :name or id = any(:alsoIds))");
    } else if (f.name() != null) {
      sql.append(" and name ilike :name");
    }
    if (f.createdBefore() != null) {
      sql.append(" and created_at < :before");
    }
    if (f.createdAfter() != null) {
      sql.append(" and created_at > :after");
    }
    if (f.afterId() != null) {
      // keyset: the rows after the previous page's last one in (created_at desc, id desc) order
      sql.append(
          " and (created_at, id) < (select created_at, id from distribution"
              + " where project_id = :project and id = :afterId)");
    }
    sql.append(" order by created_at desc, id desc limit :limit offset :offset");
    var spec =
        jdbc.sql(sql.toString())
            .param("project", project.value())
            .param("limit", limit)
            .param("offset", offset);
    if (f.status() != null) {
      spec = spec.param("status", f.status());
    }
    if (f.triggerType() != null) {
      spec = spec.param("triggerType", f.triggerType());
    }
    if (f.name() != null) {
      spec = spec.param("name", "%" + f.name().replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (f.createdBefore() != null) {
      spec = spec.param("before", Sql.ts(f.createdBefore()));
    }
    if (f.createdAfter() != null) {
      spec = spec.param("after", Sql.ts(f.createdAfter()));
    }
    if (f.afterId() != null) {
      spec = spec.param("afterId", f.afterId());
    }
    if (f.name() != null && !f.alsoIds().isEmpty()) {
      spec = spec.param("alsoIds", Sql.textArray(f.alsoIds()));
    }
    return spec.query(DistributionRepository::map).list();
  }

  /**
   * A distribution's columns, and the count of a send cut into ranges ({@link SendPartitions}),
   * which is theirs: each range counts its own batches, so the send's row is never written while
   * they go out.
   */
  private static final String COLUMNS =
      "*, (select sum(p.done)::bigint from distribution_partition p"
          + " where p.distribution_id = distribution.id) as ranges_done";

  private static Distribution map(ResultSet rs, int row) throws SQLException {
    Long rangesDone = (Long) rs.getObject("ranges_done");
    return new Distribution(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("name"),
        DistributionStatus.valueOf(rs.getString("status")),
        (ObjectNode) Json.parse(rs.getString("trigger")),
        object(rs.getString("audience")),
        object(rs.getString("action")),
        object(rs.getString("time_frame")),
        Sql.instant(rs, "live_since"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        new Distribution.Run(
            Sql.instant(rs, "send_at"),
            rs.getString("audience_cursor"),
            (Long) rs.getObject("audience_total"),
            rangesDone != null ? rangesDone : rs.getLong("audience_done"),
            Sql.instant(rs, "sending_started_at"),
            Sql.instant(rs, "finished_at"),
            rs.getString("failure_reason")));
  }

  private static ObjectNode object(String text) {
    JsonNode node = Json.parse(text);
    return node.isObject() ? (ObjectNode) node : null;
  }
}
