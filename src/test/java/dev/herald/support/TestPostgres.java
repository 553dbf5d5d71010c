package dev.herald.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** One real PostgreSQL per test JVM, started on first use, gone with the JVM. */
public final class TestPostgres {

  private static EmbeddedPostgres postgres;

  private TestPostgres() {}

  public static synchronized EmbeddedPostgres get() {
    if (postgres == null) {
      try {
        EmbeddedPostgres.Builder builder = dev.herald.shared.db.DatabaseServer.embeddedBuilder();
        if (System.getenv("BENCH_PGSS") != null) {
          // benchmarks: statement statistics (bench/distributions/README.md)
          builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        postgres = builder.start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the test PostgreSQL", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return postgres;
  }

  public static String jdbcUrl() {
    return get().getJdbcUrl("postgres", "postgres");
  }

  /** A fresh, empty database on the same server (for tests that start Herald processes). */
  public static String newDatabase(String name) {
    try (var c = get().getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("drop database if exists " + name);
      s.execute("create database " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return get().getJdbcUrl("postgres", name);
  }
}
