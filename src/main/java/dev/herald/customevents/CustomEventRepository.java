package dev.herald.customevents;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

@Repository
class CustomEventRepository {

  private final JdbcClient jdbc;

  CustomEventRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(
      String id,
      ProjectId project,
      String customerId,
      String name,
      JsonNode metadata,
      JsonNode referral,
      JsonNode loyalty,
      Instant at) {
    jdbc.sql(
            """
            insert into custom_event (id, project_id, customer_id, name, metadata, referral, loyalty,
              created_at)
            values (:id, :project, :customer, :name, cast(:metadata as jsonb),
              cast(:referral as jsonb), cast(:loyalty as jsonb), :at)
            """)
        .param("id", id)
        .param("project", project.value())
        .param("customer", customerId)
        .param("name", name)
        .param("metadata", Json.write(metadata))
        .param("referral", referral == null ? null : Json.write(referral))
        .param("loyalty", loyalty == null ? null : Json.write(loyalty))
        .param("at", Sql.ts(at))
        .update();
    jdbc.sql(
            """
            insert into custom_event_count (project_id, customer_id, name, count, last_at)
            values (:project, :customer, :name, 1, :at)
            on conflict (project_id, customer_id, name)
            do update set count = custom_event_count.count + 1,
              last_at = greatest(custom_event_count.last_at, excluded.last_at)
            """)
        .param("project", project.value())
        .param("customer", customerId)
        .param("name", name)
        .param("at", Sql.ts(at))
        .update();
  }

  long count(ProjectId project, String customerId, String name) {
    return jdbc.sql(
            "select coalesce(max(count), 0) from custom_event_count where project_id = :project"
                + " and customer_id = :customer and name = :name")
        .param("project", project.value())
        .param("customer", customerId)
        .param("name", name)
        .query(Long.class)
        .single();
  }
}
