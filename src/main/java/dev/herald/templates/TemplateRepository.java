package dev.herald.templates;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

@Repository
class TemplateRepository {

  record Version(
      String templateId, int version, String channel, JsonNode content, Instant createdAt) {}

  private final JdbcClient jdbc;

  TemplateRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertTemplate(String id, ProjectId project, String channel, Instant at) {
    jdbc.sql(
            """
            insert into template (id, project_id, channel, latest_version, created_at, updated_at)
            values (:id, :project, :channel, 0, :at, :at)
            """)
        .param("id", id)
        .param("project", project.value())
        .param("channel", channel)
        .param("at", Sql.ts(at))
        .update();
  }

  /** The latest version of a template, locked against concurrent edits; empty if unknown. */
  Optional<Version> lockLatest(ProjectId project, String id) {
    return jdbc.sql(
            """
            select t.id, t.latest_version, t.channel, v.content, v.created_at
            from template t left join template_version v
              on v.template_id = t.id and v.version = t.latest_version
            where t.id = :id and t.project_id = :project
            for update of t
            """)
        .param("id", id)
        .param("project", project.value())
        .query(
            (rs, i) ->
                new Version(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getString(3),
                    rs.getString(4) == null ? null : Json.parse(rs.getString(4)),
                    Sql.instant(rs, "created_at")))
        .optional();
  }

  void insertVersion(String id, int version, ProjectId project, JsonNode content, Instant at) {
    jdbc.sql(
            """
            insert into template_version (template_id, version, project_id, content, created_at)
            values (:id, :version, :project, cast(:content as jsonb), :at)
            """)
        .param("id", id)
        .param("version", version)
        .param("project", project.value())
        .param("content", Json.write(content))
        .param("at", Sql.ts(at))
        .update();
    jdbc.sql("update template set latest_version = :version, updated_at = :at where id = :id")
        .param("version", version)
        .param("at", Sql.ts(at))
        .param("id", id)
        .update();
  }

  Optional<Version> version(ProjectId project, String id, int version) {
    return jdbc.sql(
            """
            select v.template_id, v.version, t.channel, v.content, v.created_at
            from template_version v join template t on t.id = v.template_id
            where v.template_id = :id and v.version = :version and v.project_id = :project
            """)
        .param("id", id)
        .param("version", version)
        .param("project", project.value())
        .query(TemplateRepository::map)
        .optional();
  }

  List<Version> versions(ProjectId project, String id) {
    return jdbc.sql(
            """
            select v.template_id, v.version, t.channel, v.content, v.created_at
            from template_version v join template t on t.id = v.template_id
            where v.template_id = :id and v.project_id = :project
            order by v.version desc
            """)
        .param("id", id)
        .param("project", project.value())
        .query(TemplateRepository::map)
        .list();
  }

  private static Version map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Version(
        rs.getString(1),
        rs.getInt(2),
        rs.getString(3),
        Json.parse(rs.getString(4)),
        Sql.instant(rs, "created_at"));
  }
}
