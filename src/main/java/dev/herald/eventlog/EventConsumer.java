package dev.herald.eventlog;

/**
 * A module's reaction to facts in the log. {@link #handle} runs once per accepted event, in a
 * transaction that also completes the consumer's task for that event; throwing retries it later.
 * Events appended while handling carry the handled event as their cause.
 */
public interface EventConsumer {

  /** Stable name; it names the consumer's queue, so renaming it orphans queued work. */
  String name();

  boolean accepts(String eventType);

  void handle(Event event);

  default int threads() {
    return 1;
  }
}
