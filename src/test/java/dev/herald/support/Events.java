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
    return jdbc.sql("select count(*) from event_log where project_id = :p and type = :t")
        .param("p", projectId)
        .param("t", type)
        .query(Long.class)
        .single();
  }

  public List<String> dataOf(String type) {
    return jdbc.sql(
            "select data::text from event_log where project_id = :p and type = :t order by seq")
        .param("p", projectId)
        .param("t", type)
        .query(String.class)
        .list();
  }
}
