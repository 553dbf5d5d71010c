package dev.herald.shared.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/** Small JDBC conversions: instants travel as {@code timestamptz} through OffsetDateTime. */
public final class Sql {

  private Sql() {}

  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * A {@code text[]} parameter, sent by the driver in binary: no literal to build and quote, none
   * for PostgreSQL to parse.
   */
  public static SqlArrayValue textArray(Collection<String> values) {
    return new SqlArrayValue("text", values.toArray());
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * Plans the rest of the current transaction's statements for the tables as they are now (no
   * cached generic plan). For claims on queue tables that grow from empty faster than autovacuum
   * analyzes them: the driver prepares a statement used five times on the server, and a generic
   * plan PostgreSQL keeps from while the table was empty scans it whole on every claim until the
   * next analyze (decision 0008). Cheap next to a claim; not for every statement.
   */
  public static void planForCurrentTables(JdbcClient jdbc) {
    jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
  }
}
