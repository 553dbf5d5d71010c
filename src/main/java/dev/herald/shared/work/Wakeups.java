package dev.herald.shared.work;

import dev.herald.shared.db.DatabaseServer;
import dev.herald.shared.db.Sql;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Postgres {@code LISTEN/NOTIFY} wake-ups shared by every node. {@link #wake} inside a transaction
 * takes effect after it commits, so listeners only hear of work that is there. The notifications go
 * out from one sender thread, coalesced, in their own tiny transactions: a {@code NOTIFY} in the
 * writing transaction would hold Postgres' notify lock through that transaction's commit flush and
 * serialize every writer behind it (one commit per disk flush, ~200/s on a small machine). A
 * wake-up lost to a crash right after commit costs one poll interval, nothing more.
 */
@Component
public class Wakeups {

  static final String CHANNEL = "herald_wake";
  private static final Logger log = LoggerFactory.getLogger(Wakeups.class);

  private final JdbcClient jdbc;
  private final DatabaseServer server;

  /** Each waiting thread's latch, by the name that wakes it. */
  private final Map<String, List<WakeSignal>> signals = new ConcurrentHashMap<>();

  private final List<Map.Entry<String, Consumer<String>>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private Thread listener;
  private final Set<String> outbox = new LinkedHashSet<>();
  private Thread sender;

  Wakeups(JdbcClient jdbc, DatabaseServer server) {
    this.jdbc = jdbc;
    this.server = server;
  }

  /**
   * Announces new work for the worker called {@code name} on every node. Inside a transaction the
   * names are collected and announced once each after commit, so a batch of a thousand rows costs
   * one notification; this node's workers hear at once, other nodes within milliseconds.
   */
  public void wake(String name) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      publish(List.of(name));
      return;
    }
    @SuppressWarnings("unchecked")
    Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      Set<String> names = new LinkedHashSet<>();
      TransactionSynchronizationManager.bindResource(this, names);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              publish(names);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(Wakeups.this);
            }
          });
      pending = names;
    }
    pending.add(name);
  }

  private void publish(java.util.Collection<String> names) {
    names.forEach(this::wakeLocally);
    synchronized (outbox) {
      outbox.addAll(names);
      if (sender == null) {
        sender = new Thread(this::send, "herald-notify");
        sender.setDaemon(true);
        sender.start();
      }
      outbox.notifyAll();
    }
  }

  /** The sender loop: whatever names gathered since the last round, in one statement. */
  private void send() {
    while (true) {
      List<String> names;
      synchronized (outbox) {
        while (outbox.isEmpty()) {
          try {
            outbox.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        names = List.copyOf(outbox);
        outbox.clear();
      }
      try {
        jdbc.sql("select count(pg_notify(:channel, n)) from unnest(cast(:names as text[])) n")
            .param("channel", CHANNEL)
            .param("names", Sql.textArray(names))
            .query()
            .singleValue();
      } catch (RuntimeException e) {
        // other nodes find the work by polling
        log.warn("Could not send {} wake-ups: {}", names.size(), e.toString());
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Calls {@code listener} with every wake-up name starting with {@code prefix}, on any node. */
  public void subscribe(String prefix, Consumer<String> listener) {
    listeners.add(Map.entry(prefix, listener));
  }

  /**
   * A latch for one thread that waits for {@code name}: every wake-up of the name wakes each of its
   * threads. A worker's threads sharing one latch woke one of them per wake-up; the others slept on
   * to their poll interval while the work waited for them (a send's second range, once a thread
   * went on with its first: decision 0021).
   */
  WakeSignal signal(String name) {
    WakeSignal signal = new WakeSignal();
    signals.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(signal);
    return signal;
  }

  /** Drops a latch of {@link #signal} whose thread no longer waits. */
  void forget(String name, WakeSignal signal) {
    List<WakeSignal> waiting = signals.get(name);
    if (waiting != null) {
      waiting.remove(signal);
    }
  }

  void wakeLocally(String name) {
    signals.getOrDefault(name, List.of()).forEach(WakeSignal::signal);
    for (Map.Entry<String, Consumer<String>> l : listeners) {
      if (name.startsWith(l.getKey())) {
        try {
          l.getValue().accept(name);
        } catch (RuntimeException e) {
          // runs after a commit: a listener's trouble must not fail the caller
          log.warn("Wake-up listener for {} failed", name, e);
        }
      }
    }
  }

  /** Starts listening (idempotent); workers and live streams call it. */
  public synchronized void start() {
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
      try {
        listener.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      listener = null;
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
        signals.values().forEach(waiting -> waiting.forEach(WakeSignal::signal));
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
