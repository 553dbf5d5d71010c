package dev.herald.web;

import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class IdempotencyRepository {

  private final JdbcClient jdbc;

  IdempotencyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Stored(
      String requestHash,
      Integer status,
      String contentType,
      byte[] body,
      Instant createdAt,
      Instant completedAt) {}

  /** Claims the key for this request; false when someone already holds it. */
  boolean claim(String project, String key, String hash, Instant now) {
    return jdbc.sql(
                """
                insert into idempotency_key (project_id, key, request_hash, created_at)
                values (:project, :key, :hash, :now) on conflict do nothing
                """)
            .param("project", project)
            .param("key", key)
            .param("hash", hash)
            .param("now", Sql.ts(now))
            .update()
        == 1;
  }

  Optional<Stored> find(String project, String key) {
    return jdbc.sql(
            """
            select request_hash, status, content_type, response_body, created_at, completed_at
            from idempotency_key where project_id = :project and key = :key
            """)
        .param("project", project)
        .param("key", key)
        .query(
            (rs, i) ->
                new Stored(
                    rs.getString(1),
                    (Integer) rs.getObject(2),
                    rs.getString(3),
                    rs.getBytes(4),
                    Sql.instant(rs, "created_at"),
                    Sql.instant(rs, "completed_at")))
        .optional();
  }

  void complete(
      String project, String key, int status, String contentType, byte[] body, Instant at) {
    jdbc.sql(
            """
            update idempotency_key set status = :status, content_type = :type,
              response_body = :body, completed_at = :at
            where project_id = :project and key = :key
            """)
        .param("status", status)
        .param("type", contentType)
        .param("body", body)
        .param("at", Sql.ts(at))
        .param("project", project)
        .param("key", key)
        .update();
  }

  /** Removes the claim of a request that failed or was abandoned, so the key can be used again. */
  void release(String project, String key, Instant createdAt) {
    jdbc.sql(
            "delete from idempotency_key where project_id = :project and key = :key"
                + " and created_at = :created")
        .param("project", project)
        .param("key", key)
        .param("created", Sql.ts(createdAt))
        .update();
  }

  int deleteOlderThan(Instant cutoff) {
    return jdbc.sql("delete from idempotency_key where created_at < :cutoff")
        .param("cutoff", Sql.ts(cutoff))
        .update();
  }
}
