package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

@Repository
class SandboxRepository {

  record Received(
      long id,
      String channel,
      String messageId,
      String to,
      String from,
      String subject,
      String text,
      String html,
      ObjectNode headers,
      Instant receivedAt) {}

  private final JdbcClient jdbc;

  SandboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(
      String project,
      String channel,
      String messageId,
      String to,
      String from,
      String subject,
      String text,
      String html,
      ObjectNode headers,
      Instant at) {
    jdbc.sql(
            """
            insert into sandbox_message (project_id, channel, message_id, to_address, from_address,
              subject, text, html, headers, received_at)
            values (:project, :channel, :message, :to, :from, :subject, :text, :html,
              cast(:headers as jsonb), :at)
            """)
        .param("project", project)
        .param("channel", channel)
        .param("message", messageId)
        .param("to", to)
        .param("from", from)
        .param("subject", subject)
        .param("text", text)
        .param("html", html)
        .param("headers", Json.write(headers))
        .param("at", Sql.ts(at))
        .update();
  }

  List<Received> list(ProjectId project, String channel, int limit, int offset) {
    return jdbc.sql(
            "select * from sandbox_message where project_id = :project"
                + (channel == null ? "" : " and channel = :channel")
                + " order by id desc limit :limit offset :offset")
        .param("project", project.value())
        .param("channel", channel == null ? "" : channel)
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (rs, i) ->
                new Received(
                    rs.getLong("id"),
                    rs.getString("channel"),
                    rs.getString("message_id"),
                    rs.getString("to_address"),
                    rs.getString("from_address"),
                    rs.getString("subject"),
                    rs.getString("text"),
                    rs.getString("html"),
                    (ObjectNode) Json.parse(rs.getString("headers")),
                    Sql.instant(rs, "received_at")))
        .list();
  }

  long count(ProjectId project, String channel) {
    return jdbc.sql(
            "select count(*) from sandbox_message where project_id = :project"
                + (channel == null ? "" : " and channel = :channel"))
        .param("project", project.value())
        .param("channel", channel == null ? "" : channel)
        .query(Long.class)
        .single();
  }

  int deleteBefore(Instant before) {
    return jdbc.sql("delete from sandbox_message where received_at < :before")
        .param("before", Sql.ts(before))
        .update();
  }
}
