package dev.herald.shared.work;

import dev.herald.shared.db.DatabaseServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Postgres {@code LISTEN/NOTIFY} wake-ups shared by every node. {@link #wake} is sent inside the
 * caller's transaction, so it reaches listeners only when the work it announces has committed.
 */
@Component
public class Wakeups {

  static final String CHANNEL = "herald_wake";
  private static final Logger log = LoggerFactory.getLogger(Wakeups.class);

  private final JdbcClient jdbc;
  private final DatabaseServer server;
  private final Map<String, WakeSignal> signals = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread listener;

  Wakeups(JdbcClient jdbc, DatabaseServer server) {
    this.jdbc = jdbc;
    this.server = server;
  }

  /** Announces new work for the worker called {@code name} on every node (after commit). */
  public void wake(String name) {
    jdbc.sql("select pg_notify(:channel, :name)")
        .param("channel", CHANNEL)
        .param("name", name)
        .query()
        .singleValue();
  }

  WakeSignal signal(String name) {
    return signals.computeIfAbsent(name, n -> new WakeSignal());
  }

  void wakeLocally(String name) {
    signal(name).signal();
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    listener = new Thread(this::listen, "herald-listen");
    listener.setDaemon(true);
    listener.start();
  }

  synchronized void stop() {
    running = false;
    if (listener != null) {
      listener.interrupt();
    }
  }

  private void listen() {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      try (Connection connection = server.connection().open()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        backoff = Duration.ofMillis(200);
        // Work committed while we were not listening is found by the workers' polling.
        signals.values().forEach(WakeSignal::signal);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(500);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              wakeLocally(n.getParameter());
            }
          }
        }
      } catch (Exception e) {
        if (!running) {
          return;
        }
        log.warn("LISTEN connection lost ({}); polling covers until it is back", e.toString());
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10)
                : backoff.multipliedBy(2);
      }
    }
  }
}
