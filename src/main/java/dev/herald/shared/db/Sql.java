package dev.herald.shared.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.IntUnaryOperator;
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
   *
   * <p>The driver picks the binary form by the Java array's class: a {@code String[]}, {@code
   * Long[]}, {@code Integer[]} or {@code Boolean[]} goes in binary, an {@code Object[]} (what
   * {@code Collection.toArray()} gives) as a quoted literal that PostgreSQL parses back, element by
   * element. Every array parameter is therefore built through these factories, typed; {@link
   * #array} refuses an untyped column.
   */
  public static SqlArrayValue textArray(Collection<String> values) {
    return new SqlArrayValue("text", values.toArray(String[]::new));
  }

  /** A {@code bigint[]} parameter, sent in binary (see {@link #textArray}). */
  public static SqlArrayValue bigintArray(Collection<Long> values) {
    return new SqlArrayValue("bigint", values.toArray(Long[]::new));
  }

  /** A {@code boolean[]} parameter, sent in binary (see {@link #textArray}). */
  public static SqlArrayValue booleanArray(Collection<Boolean> values) {
    return new SqlArrayValue("boolean", values.toArray(Boolean[]::new));
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

  /**
   * The most parameter bytes one multi-row statement over arrays should carry: the driver builds
   * each array parameter in one buffer, and a buffer of half a G1 region or more (512 KB at
   * Herald's 512 MB heap) is a "humongous" object that goes straight to the old generation and
   * starts a concurrent collection cycle. A manual send's batch of events (1.5 MB of payloads) made
   * hundreds of such cycles in a 1,000,000-recipient send. Herald's start commands use the
   * throughput collector (decision 0019), which has no such objects; the limit stays for a node run
   * with G1, the JVM's default, and costs nothing otherwise.
   */
  public static final int STATEMENT_BYTES = 128 * 1024;

  /** Rows {@code from} (inclusive) to {@code to} (exclusive) of a multi-row statement. */
  public record Slice(int from, int to) {}

  /**
   * Rows {@code 0..n} in consecutive slices of at most {@code maxBytes} each (as {@code bytes}
   * estimates a row), every slice at least one row.
   */
  public static List<Slice> slices(int n, IntUnaryOperator bytes, int maxBytes) {
    List<Slice> out = new ArrayList<>();
    int from = 0;
    long size = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes.applyAsInt(i);
      if (i > from && size + b > maxBytes) {
        out.add(new Slice(from, i));
        from = i;
        size = 0;
      }
      size += b;
    }
    if (n > from) {
      out.add(new Slice(from, n));
    }
    return out;
  }

  /**
   * Rows {@code from} (inclusive) to {@code to} (exclusive) of a column, as an array parameter sent
   * in binary: the column must be typed ({@code String[]}, {@code Long[]}, ...; see {@link
   * #textArray}), an {@code Object[]} is refused.
   */
  public static SqlArrayValue array(String type, Object[] column, int from, int to) {
    if (column.getClass() == Object[].class) {
      throw new IllegalArgumentException(
          "an untyped Object[] column would be sent as a text literal; build a typed array");
    }
    return new SqlArrayValue(
        type, from == 0 && to == column.length ? column : Arrays.copyOfRange(column, from, to));
  }
}
