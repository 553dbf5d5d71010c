package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

@Repository
class EventLogRepository {

  private static final String COLUMNS =
      "seq, id, project_id, type, customer_id, data::text as data, group_id, channel, caused_by,"
          + " depth, created_at";

  private final JdbcClient jdbc;

  EventLogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(Event e) {
    return jdbc.sql(
            """
            insert into event_log
              (id, project_id, type, customer_id, data, group_id, channel, caused_by, depth, created_at)
            values (:id, :project, :type, :customer, cast(:data as jsonb), :group, :channel,
              cast(:causedBy as text[]), :depth, :at)
            returning seq
            """)
        .param("id", e.id())
        .param("project", e.projectId().value())
        .param("type", e.type())
        .param("customer", e.customerId())
        .param("data", Json.write(e.data()))
        .param("group", e.groupId())
        .param("channel", e.channel())
        .param("causedBy", "{" + String.join(",", e.causedBy()) + "}")
        .param("depth", e.depth())
        .param("at", Sql.ts(e.createdAt()))
        .query(Long.class)
        .single();
  }

  Optional<Event> bySeq(long seq) {
    return jdbc.sql("select " + COLUMNS + " from event_log where seq = :seq")
        .param("seq", seq)
        .query(EventLogRepository::map)
        .optional();
  }

  Optional<Event> byId(ProjectId project, String id) {
    return jdbc.sql(
            "select " + COLUMNS + " from event_log where project_id = :project and id = :id")
        .param("project", project.value())
        .param("id", id)
        .query(EventLogRepository::map)
        .optional();
  }

  List<Event> activity(ProjectId project, String customerId, ActivityQuery q, Long afterSeq) {
    String order = q.ascending() ? "asc" : "desc";
    String cursor =
        afterSeq == null ? "" : q.ascending() ? " and seq > :after" : " and seq < :after";
    var spec =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from event_log where project_id = :project and customer_id = :customer"
                    + cursor
                    + (q.startDate() == null ? "" : " and created_at >= :start")
                    + (q.endDate() == null ? "" : " and created_at <= :end")
                    + (q.type() == null ? "" : " and type = :type")
                    + " order by seq "
                    + order
                    + " limit :limit")
            .param("project", project.value())
            .param("customer", customerId)
            .param("limit", q.limit() + 1);
    if (afterSeq != null) {
      spec = spec.param("after", afterSeq);
    }
    if (q.startDate() != null) {
      spec = spec.param("start", Sql.ts(q.startDate()));
    }
    if (q.endDate() != null) {
      spec = spec.param("end", Sql.ts(q.endDate()));
    }
    if (q.type() != null) {
      spec = spec.param("type", q.type());
    }
    return spec.query(EventLogRepository::map).list();
  }

  private static Event map(ResultSet rs, int row) throws SQLException {
    Array causedBy = rs.getArray("caused_by");
    return new Event(
        rs.getLong("seq"),
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("type"),
        rs.getString("customer_id"),
        (ObjectNode) Json.parse(rs.getString("data")),
        rs.getString("group_id"),
        rs.getString("channel"),
        causedBy == null ? List.of() : Arrays.asList((String[]) causedBy.getArray()),
        rs.getInt("depth"),
        Sql.instant(rs, "created_at"));
  }
}
