package dev.herald.support;

import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A group-committing consumer recording {@code reads.} events like {@link BatchRecordingConsumer},
 * which names the members it reads: its events come carried in its tasks, their data cut down to
 * {@code /fail}, {@code /a/b} and {@code /c}.
 */
public class ReadingConsumer implements EventConsumer {

  private final BatchRecordingConsumer recorder;

  public ReadingConsumer(JdbcClient jdbc) {
    this.recorder = new BatchRecordingConsumer(jdbc);
  }

  @Override
  public String name() {
    return "test.reading-recorder";
  }

  @Override
  public boolean accepts(String eventType) {
    return eventType.startsWith("reads.");
  }

  @Override
  public boolean groupCommit() {
    return true;
  }

  @Override
  public List<String> reads() {
    return List.of("/fail", "/a/b", "/c");
  }

  @Override
  public void handle(Event event) {
    recorder.handle(event);
  }

  public List<BatchRecordingConsumer.Handled> handled() {
    return recorder.handled();
  }

  public int failures(String eventId) {
    return recorder.failures(eventId);
  }
}
