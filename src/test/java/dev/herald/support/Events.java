package dev.herald.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads a project's event log in tests. */
public final class Events {

  private final JdbcClient jdbc;
  private final String projectId;

  public Events(JdbcClient jdbc, String projectId) {
    this.jdbc = jdbc;
    this.projectId = projectId;
  }

  public long count(String type) {
    // a row may hold a second fact (also_type)
    return jdbc.sql(
            "select count(*) filter (where type = :t) + count(*) filter (where also_type = :t)"
                + " from event_log where project_id = :p")
        .param("p", projectId)
        .param("t", type)
        .query(Long.class)
        .single();
  }

  public List<String> dataOf(String type) {
    return jdbc.sql(
            "select coalesce(data, (select s.data from event_log s where s.seq = e.data_of))::text"
                + " from event_log e where project_id = :p and :t in (type, also_type) order by seq")
        .param("p", projectId)
        .param("t", type)
        .query(String.class)
        .list();
  }
}
