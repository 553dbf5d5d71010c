package dev.herald.support;

import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event consumer for tests: records every event whose type starts with {@code test.}. */
public class RecordingConsumer implements EventConsumer {

  private final List<Event> handled = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "test.recorder";
  }

  @Override
  public boolean accepts(String eventType) {
    return eventType.startsWith("test.");
  }

  @Override
  public void handle(Event event) {
    handled.add(event);
  }

  public List<Event> handled() {
    return handled;
  }
}
