package dev.herald.segments;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.db.TransactionCache;
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
class SegmentRepository {

  private static final String COLUMNS =
      "id, project_id, name, type, filter::text as filter, time_dependent, initial_sync_status,"
          + " activated_at, created_at, updated_at";

  private final JdbcClient jdbc;

  SegmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Segment s) {
    jdbc.sql(
            """
            insert into segment (id, project_id, name, type, filter, time_dependent,
              initial_sync_status, created_at)
            values (:id, :project, :name, :type, cast(:filter as jsonb), :timeDependent, :status,
              :createdAt)
            """)
        .param("id", s.id())
        .param("project", s.projectId().value())
        .param("name", s.name())
        .param("type", s.type().wire())
        .param("filter", Json.write(s.filter()))
        .param("timeDependent", s.timeDependent())
        .param("status", s.initialSyncStatus().name())
        .param("createdAt", Sql.ts(s.createdAt()))
        .update();
  }

  Optional<Segment> find(ProjectId project, String id) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from segment where project_id = :project and id = :id and deleted_at is null")
        .param("project", project.value())
        .param("id", id)
        .query(SegmentRepository::map)
        .optional();
  }

  /** A live segment of any project (background work carries only the id). */
  Optional<Segment> findLive(String id) {
    return jdbc.sql("select " + COLUMNS + " from segment where id = :id and deleted_at is null")
        .param("id", id)
        .query(SegmentRepository::map)
        .optional();
  }

  /** Serializes segment creation per project (the limit on filter segments). */
  void lockProject(ProjectId project) {
    jdbc.sql(Locks.LOCK_PROJECT).param("project", project.value()).query(Boolean.class).single();
  }

  /**
   * Whether the project has a filter segment, asked under the project's lock held shared until the
   * caller commits: a filter segment created meanwhile commits after the caller, so its sync sees
   * the caller's changes (decision 0300).
   */
  boolean hasFilterSegments(ProjectId project) {
    // while the lock is held no filter segment can appear: the answer holds to the end of the
    // transaction, so it is asked once per transaction
    return TransactionCache.get(
        "segments.has-filter-segments:" + project.value(),
        () -> {
          jdbc.sql(Locks.SHARE_PROJECT)
              .param("project", project.value())
              .query(Boolean.class)
              .single();
          return jdbc.sql(
                  "select exists (select 1 from segment where project_id = :project"
                      + " and deleted_at is null and type <> 'static')")
              .param("project", project.value())
              .query(Boolean.class)
              .single();
        });
  }

  long countFilterSegments(ProjectId project) {
    return jdbc.sql(
            "select count(*) from segment where project_id = :project and deleted_at is null"
                + " and type <> 'static'")
        .param("project", project.value())
        .query(Long.class)
        .single();
  }

  /** The project's filter segments, each shared-locked against sync and sweep batches. */
  List<Segment> filterSegmentsLocked(ProjectId project) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + ", "
                + Locks.SEGMENT_SHARED
                + " from segment where project_id = :project and deleted_at is null"
                + " and type <> 'static' order by id")
        .param("project", project.value())
        .query(SegmentRepository::map)
        .list();
  }

  List<Segment> page(ProjectId project, SegmentQuery q, int limit, int offset) {
    var spec =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from segment where "
                    + q.where()
                    + " order by "
                    + q.orderBy()
                    + " limit :limit offset :offset")
            .param("project", project.value())
            .param("limit", limit)
            .param("offset", offset);
    for (var p : q.params().entrySet()) {
      spec = spec.param(p.getKey(), p.getValue());
    }
    return spec.query(SegmentRepository::map).list();
  }

  long count(ProjectId project, SegmentQuery q) {
    var spec =
        jdbc.sql("select count(*) from segment where " + q.where())
            .param("project", project.value());
    for (var p : q.params().entrySet()) {
      spec = spec.param(p.getKey(), p.getValue());
    }
    return spec.query(Long.class).single();
  }

  boolean markDeleted(ProjectId project, String id, Instant at) {
    return jdbc.sql(
                "update segment set deleted_at = :at, updated_at = :at"
                    + " where project_id = :project and id = :id and deleted_at is null")
            .param("at", Sql.ts(at))
            .param("project", project.value())
            .param("id", id)
            .update()
        == 1;
  }

  /** Passive becomes auto-update; any type is stamped as used (locked). */
  Optional<Segment> activate(ProjectId project, String id, Instant at) {
    return jdbc.sql(
            """
            update segment set
              type = case when type = 'passive' then 'auto-update' else type end,
              activated_at = coalesce(activated_at, :at),
              updated_at = case when activated_at is null then :at else updated_at end
            where project_id = :project and id = :id and deleted_at is null
            returning\s"""
                + COLUMNS)
        .param("at", Sql.ts(at))
        .param("project", project.value())
        .param("id", id)
        .query(SegmentRepository::map)
        .optional();
  }

  /** The initial sync has covered every customer with an id up to {@code cursor}. */
  void syncedUpTo(String id, String cursor) {
    jdbc.sql("update segment set sync_cursor = :cursor where id = :id")
        .param("cursor", cursor)
        .param("id", id)
        .update();
  }

  void syncDone(String id) {
    jdbc.sql("update segment set initial_sync_status = 'DONE', sync_cursor = null where id = :id")
        .param("id", id)
        .update();
  }

  static Segment map(ResultSet rs, int row) throws SQLException {
    JsonNode filter = Json.parse(rs.getString("filter"));
    return new Segment(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("name"),
        SegmentType.fromWire(rs.getString("type")).orElseThrow(),
        filter.isObject() ? (ObjectNode) filter : null,
        rs.getBoolean("time_dependent"),
        SyncStatus.valueOf(rs.getString("initial_sync_status")),
        Sql.instant(rs, "activated_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
