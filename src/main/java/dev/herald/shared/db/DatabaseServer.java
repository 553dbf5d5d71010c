package dev.herald.shared.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Herald talks to: an external one, or an embedded one started from the
 * bundled binaries with its data in {@code HERALD_DATA_DIR}.
 *
 * <p>A Herald killed with {@code kill -9} leaves its embedded postmaster running (it is a daemon,
 * not a child). The next start finds it through {@code postmaster.pid} and adopts it instead of
 * failing on the busy data directory; the adopter stops it at shutdown unless another process is
 * still connected (a second Herald node or a CLI command sharing the same data directory).
 */
public final class DatabaseServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

  private final ConnectionInfo connection;
  private final EmbeddedPostgres started;
  private final Long adoptedPid;

  private DatabaseServer(ConnectionInfo connection, EmbeddedPostgres started, Long adoptedPid) {
    this.connection = connection;
    this.started = started;
    this.adoptedPid = adoptedPid;
  }

  public static DatabaseServer external(String url, String user, String password) {
    return new DatabaseServer(new ConnectionInfo(url, user, password), null, null);
  }

  /**
   * Settings of the embedded server (tests use the same): durable — {@code fsync} and {@code
   * synchronous_commit} on, both of which the embedded server's launcher turns off unless told: a
   * commit answered before its WAL is flushed can be lost in a crash of the database or the machine
   * after a webhook was sent, and the webhook would be sent again — room for many nodes' pools, and
   * sized for bulk sends — a manual send to a large segment writes gigabytes of WAL, and
   * checkpoints every 1 GB (the default) would add a full-page image to most of it — and a buffer
   * cache sized to the machine ({@link #sharedBuffers}).
   */
  public static final java.util.Map<String, String> EMBEDDED_SETTINGS =
      java.util.Map.of(
          "max_connections", "300",
          "fsync", "on",
          "synchronous_commit", "on",
          "shared_buffers",
              sharedBuffers(
                  ((com.sun.management.OperatingSystemMXBean)
                          java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                      .getTotalMemorySize()),
          "max_wal_size", "4GB",
          "checkpoint_timeout", "15min");

  /**
   * The embedded server's buffer cache for a machine (or container) of {@code memoryBytes}: an
   * eighth of it, at least 128 MB and at most 2 GB. It shares the machine with Herald and the
   * operating system's file cache, hence an eighth and not the quarter advised for a server of its
   * own; the pages are taken as they are used. At 1,000,000 recipients a send touches several
   * gigabytes of tables and indexes, and 2 GB instead of 256 MB cut PostgreSQL's CPU per recipient
   * by a tenth (decision 0015).
   */
  static String sharedBuffers(long memoryBytes) {
    long eighth = memoryBytes / 8 >> 20;
    return Math.max(128, Math.min(2_048, eighth)) + "MB";
  }

  /**
   * How a new embedded cluster orders text: by its bytes ({@code C}), whatever the machine's
   * locale. Every key Herald indexes is text (ids, codes, idempotency keys); compared by the bytes,
   * an index look-up does not go through the C library's collation (about 4 % of PostgreSQL's CPU
   * in a bulk send), and an index never depends on the collation rules of the C library the server
   * runs on (rules that change between operating system versions corrupt indexes built under the
   * old ones). For UTF-8, byte order is code point order, which is how the {@code C.UTF-8} locale
   * sorts too. The character classes ({@code lower}, {@code upper}, regular expressions) still
   * follow the machine's locale. Decided when the cluster is created: an existing data directory
   * keeps its own.
   */
  static final String COLLATION = "C";

  /** An embedded server with {@link #EMBEDDED_SETTINGS}; the tests' server is made by it too. */
  public static EmbeddedPostgres.Builder embeddedBuilder() {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    EMBEDDED_SETTINGS.forEach(builder::setServerConfig);
    builder.setLocaleConfig("lc-collate", COLLATION);
    return builder;
  }

  public static DatabaseServer embedded(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path pgData = dataDir.resolve("pg").toAbsolutePath();
      Optional<RunningPostmaster> running = RunningPostmaster.find(pgData);
      if (running.isPresent()) {
        log.info(
            "Reusing the embedded PostgreSQL already running on {} (pid {}, port {})",
            pgData,
            running.get().pid(),
            running.get().port());
        return new DatabaseServer(running.get().connection(), null, running.get().pid());
      }
      EmbeddedPostgres pg =
          embeddedBuilder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), pgData);
      return new DatabaseServer(
          new ConnectionInfo(pg.getJdbcUrl("postgres", "postgres"), "postgres", null), pg, null);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  public ConnectionInfo connection() {
    return connection;
  }

  @Override
  public void close() throws IOException {
    if (started != null) {
      started.close();
    } else if (adoptedPid != null && !othersStayConnected()) {
      ProcessHandle.of(adoptedPid)
          .ifPresent(
              p -> {
                p.destroy();
                p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
              });
    }
  }

  /** Our own connections close as the context stops; give them a moment before deciding. */
  private boolean othersStayConnected() {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (othersConnected()) {
      if (System.nanoTime() > deadline) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    return false;
  }

  private boolean othersConnected() {
    try (Connection c = connection.open();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from pg_stat_activity"
                    + " where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1) > 0;
    } catch (Exception e) {
      return true;
    }
  }

  /** A postmaster found alive through the data directory's {@code postmaster.pid}. */
  record RunningPostmaster(long pid, int port) {

    static Optional<RunningPostmaster> find(Path pgData) throws IOException {
      Path pidFile = pgData.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(new RunningPostmaster(pid, port)) : Optional.empty();
    }

    ConnectionInfo connection() {
      return new ConnectionInfo(
          "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
    }
  }
}
