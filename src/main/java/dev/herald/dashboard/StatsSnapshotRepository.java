package dev.herald.dashboard;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

/** The last background count of a large distribution's numbers, per chart range and zone. */
@Repository
class StatsSnapshotRepository {

  record Snapshot(ObjectNode data, Instant computedAt) {}

  private final JdbcClient jdbc;

  StatsSnapshotRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Snapshot> find(ProjectId project, String distributionId, String key) {
    return jdbc.sql(
            """
            select data, computed_at from dashboard_stats
            where project_id = :project and distribution_id = :id and key = :key
            """)
        .param("project", project.value())
        .param("id", distributionId)
        .param("key", key)
        .query(
            (rs, i) ->
                new Snapshot(
                    (ObjectNode) Json.parse(rs.getString("data")), Sql.instant(rs, "computed_at")))
        .optional();
  }

  void save(ProjectId project, String distributionId, String key, ObjectNode data, Instant at) {
    jdbc.sql(
            """
            insert into dashboard_stats (project_id, distribution_id, key, data, computed_at)
            values (:project, :id, :key, cast(:data as jsonb), :at)
            on conflict (project_id, distribution_id, key)
              do update set data = excluded.data, computed_at = excluded.computed_at
            """)
        .param("project", project.value())
        .param("id", distributionId)
        .param("key", key)
        .param("data", Json.write(data))
        .param("at", Sql.ts(at))
        .update();
  }
}
