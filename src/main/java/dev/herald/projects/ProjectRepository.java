package dev.herald.projects;

import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

@Repository
class ProjectRepository {

  private final JdbcClient jdbc;

  ProjectRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Project p) {
    jdbc.sql(
            """
            insert into project (id, name, time_zone, webhook_secret, brand, settings, created_at)
            values (:id, :name, :tz, :secret, cast(:brand as jsonb), cast(:settings as jsonb), :at)
            """)
        .param("id", p.id().value())
        .param("name", p.name())
        .param("tz", p.timeZone().getId())
        .param("secret", p.webhookSecret())
        .param("brand", Json.write(p.brand()))
        .param("settings", Json.write(p.settings()))
        .param("at", Sql.ts(p.createdAt()))
        .update();
  }

  void update(Project p) {
    jdbc.sql(
            """
            update project set name = :name, time_zone = :tz, brand = cast(:brand as jsonb),
              settings = cast(:settings as jsonb), updated_at = :at
            where id = :id
            """)
        .param("id", p.id().value())
        .param("name", p.name())
        .param("tz", p.timeZone().getId())
        .param("brand", Json.write(p.brand()))
        .param("settings", Json.write(p.settings()))
        .param("at", Sql.ts(p.updatedAt()))
        .update();
  }

  Optional<Project> find(ProjectId id) {
    return jdbc.sql("select * from project where id = :id")
        .param("id", id.value())
        .query(ProjectRepository::map)
        .optional();
  }

  List<Project> all() {
    return jdbc.sql("select * from project order by created_at")
        .query(ProjectRepository::map)
        .list();
  }

  boolean any() {
    return jdbc.sql("select exists (select 1 from project)").query(Boolean.class).single();
  }

  void lockBootstrap() {
    jdbc.sql("select pg_advisory_xact_lock(7201)").query().listOfRows();
  }

  void insertKey(ProjectId project, String appId, String tokenHash, Instant at) {
    jdbc.sql(
            """
            insert into api_key (app_id, project_id, token_hash, created_at)
            values (:appId, :project, :hash, :at)
            """)
        .param("appId", appId)
        .param("project", project.value())
        .param("hash", tokenHash)
        .param("at", Sql.ts(at))
        .update();
  }

  int revokeKeys(ProjectId project, Instant at) {
    return jdbc.sql(
            "update api_key set revoked_at = :at where project_id = :project and revoked_at is null")
        .param("at", Sql.ts(at))
        .param("project", project.value())
        .update();
  }

  record KeyRow(String projectId, String tokenHash) {}

  Optional<KeyRow> activeKey(String appId) {
    return jdbc.sql(
            "select project_id, token_hash from api_key where app_id = :appId and revoked_at is null")
        .param("appId", appId)
        .query((rs, i) -> new KeyRow(rs.getString(1), rs.getString(2)))
        .optional();
  }

  private static Project map(ResultSet rs, int row) throws SQLException {
    return new Project(
        new ProjectId(rs.getString("id")),
        rs.getString("name"),
        ZoneId.of(rs.getString("time_zone")),
        rs.getString("webhook_secret"),
        (ObjectNode) Json.parse(rs.getString("brand")),
        (ObjectNode) Json.parse(rs.getString("settings")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
