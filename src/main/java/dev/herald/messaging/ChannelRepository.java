package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

@Repository
class ChannelRepository {

  private final JdbcClient jdbc;

  ChannelRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void upsert(Channel c, Instant at) {
    jdbc.sql(
            """
            insert into channel (id, project_id, owner_id, position, type, config, status, created_at)
            values (:id, :project, :owner, :position, :type, cast(:config as jsonb), :status, :at)
            on conflict (id) do update set position = excluded.position, type = excluded.type,
              config = excluded.config, updated_at = :at, deleted_at = null
            """)
        .param("id", c.id())
        .param("project", c.projectId().value())
        .param("owner", c.ownerId())
        .param("position", c.position())
        .param("type", c.type())
        .param("config", Json.write(c.config()))
        .param("status", c.status())
        .param("at", Sql.ts(at))
        .update();
  }

  void deleteOthers(ProjectId project, String ownerId, Collection<String> keep, Instant at) {
    jdbc.sql(
            "update channel set deleted_at = :at where project_id = :project and owner_id = :owner"
                + " and deleted_at is null"
                + (keep.isEmpty() ? "" : " and id not in (:keep)"))
        .param("at", Sql.ts(at))
        .param("project", project.value())
        .param("owner", ownerId)
        .param("keep", keep.isEmpty() ? List.of("") : keep)
        .update();
  }

  List<Channel> byOwner(ProjectId project, String ownerId) {
    return jdbc.sql(
            "select * from channel where project_id = :project and owner_id = :owner"
                + " and deleted_at is null order by position")
        .param("project", project.value())
        .param("owner", ownerId)
        .query(ChannelRepository::map)
        .list();
  }

  /** The channels of these owners, each owner's in position order. */
  List<Channel> byOwners(ProjectId project, Collection<String> ownerIds) {
    if (ownerIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select * from channel where project_id = :project"
                + " and owner_id = any(cast(:owners as text[])) and deleted_at is null"
                + " order by owner_id, position")
        .param("project", project.value())
        .param("owners", ownerIds.toArray(String[]::new))
        .query(ChannelRepository::map)
        .list();
  }

  List<Channel> byIds(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from channel where id in (:ids) and deleted_at is null")
        .param("ids", ids)
        .query(ChannelRepository::map)
        .list();
  }

  int setStatus(ProjectId project, String ownerId, String from, String to, Instant at) {
    return jdbc.sql(
            "update channel set status = :to, updated_at = :at where project_id = :project"
                + " and owner_id = :owner and status = :from")
        .param("to", to)
        .param("from", from)
        .param("at", Sql.ts(at))
        .param("project", project.value())
        .param("owner", ownerId)
        .update();
  }

  /**
   * Pauses these channels (a webhook whose retries ran out); already paused ones stay as they are.
   */
  int pause(Collection<String> ids, Instant at) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            "update channel set status = 'PAUSED', updated_at = :at where id in (:ids)"
                + " and status = 'ACTIVE'")
        .param("at", Sql.ts(at))
        .param("ids", ids)
        .update();
  }

  private static Channel map(ResultSet rs, int row) throws SQLException {
    return new Channel(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("owner_id"),
        rs.getInt("position"),
        rs.getString("type"),
        (ObjectNode) Json.parse(rs.getString("config")),
        rs.getString("status"));
  }

  /** Owners (distributions) with an email channel whose inline subject contains {@code term}. */
  List<String> ownersBySubject(ProjectId project, String term, int limit) {
    return jdbc.sql(
            """
            select distinct owner_id from channel
            where project_id = :project and deleted_at is null and type = 'email'
              and config -> 'template' ->> 'subject' ilike :term
            limit :limit
            """)
        .param("project", project.value())
        .param("term", "%" + term.replace("%", "\\%").replace("_", "\\_") + "%")
        .param("limit", limit)
        .query(String.class)
        .list();
  }
}
