package dev.herald.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct access to the database of Herald nodes started as processes ({@link HeraldProcess}): the
 * truth a process test checks against, and bulk fixtures too large to make through the API.
 */
public final class ProcessDatabase {

  private ProcessDatabase() {}

  /** The number a one-value query answers; {@code params} bind its {@code ?}s in order. */
  public static long count(String url, String sql, Object... params) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * {@code n} customers of the project straight into the table, ids {@code cust_<prefix>NNNNNNNN}
   * in creation order: tests about sending to many customers, not about 10,000 API calls.
   */
  public static List<String> insertCustomers(String url, String project, String prefix, int n)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        PreparedStatement s =
            c.prepareStatement(
                "insert into customer (id, project_id, source_id, email, metadata, created_at)"
                    + " values (?, ?, ?, ?, '{}', now() - make_interval(secs => ?))")) {
      for (int i = 0; i < n; i++) {
        String id = String.format("cust_%s%08d", prefix, i);
        ids.add(id);
        s.setString(1, id);
        s.setString(2, project);
        s.setString(3, prefix + "-" + i);
        s.setString(4, prefix + i + "@example.com");
        s.setInt(5, n - i);
        s.addBatch();
      }
      s.executeBatch();
    }
    return ids;
  }
}
