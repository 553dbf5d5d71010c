package dev.herald.support;

import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A group-committing event consumer for tests: records each {@code batch.} event it handled once
 * its transaction committed, with that transaction's id; an event whose data has {@code "fail":
 * true} always throws (and its attempts are counted).
 */
public class BatchRecordingConsumer implements EventConsumer {

  /** An event handled in a committed transaction. */
  public record Handled(Event event, String transaction) {}

  private final JdbcClient jdbc;
  private final List<Handled> handled = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  public BatchRecordingConsumer(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return "test.batch-recorder";
  }

  @Override
  public boolean accepts(String eventType) {
    return eventType.startsWith("batch.");
  }

  @Override
  public boolean groupCommit() {
    return true;
  }

  @Override
  public void handle(Event event) {
    if (event.data().path("fail").asBoolean(false)) {
      failures.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
      throw new IllegalStateException("poison event " + event.id());
    }
    String transaction = jdbc.sql("select pg_current_xact_id()::text").query(String.class).single();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            handled.add(new Handled(event, transaction));
          }
        });
  }

  public List<Handled> handled() {
    return handled;
  }

  public int failures(String eventId) {
    AtomicInteger n = failures.get(eventId);
    return n == null ? 0 : n.get();
  }
}
