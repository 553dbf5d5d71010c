package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import java.util.List;

/**
 * A module's reaction to facts in the log. {@link #handle} runs once per accepted event, in a
 * transaction that also completes the consumer's task for that event; throwing retries it later.
 * Events appended while handling carry the handled event as their cause.
 */
public interface EventConsumer {

  /** Stable name; it names the consumer's queue, so renaming it orphans queued work. */
  String name();

  boolean accepts(String eventType);

  /**
   * Whether this project's events of this (accepted) type can do anything here right now; asked in
   * the appending transaction, once per batch, so consumers with nothing to react to cost nothing.
   * An event is handled only if this said yes when it was appended.
   */
  default boolean wants(ProjectId project, String eventType) {
    return accepts(eventType);
  }

  void handle(Event event);

  /**
   * The members of an event's data this consumer reads, as JSON pointers ({@code /voucher/id}), or
   * null for all of it. A consumer that names them gets each event with its data cut down to those
   * members (absent ones stay absent), carried in its task from the appending transaction, so the
   * log is not read back and parsed for it. {@link #handle} must read nothing else from the data.
   */
  default List<String> reads() {
    return null;
  }

  default int threads() {
    return 1;
  }

  /**
   * Whether a batch of events may be handled in one transaction (one commit for many); a failure
   * rolls the batch back and handles its events one by one. Only for consumers whose effects are
   * all in the database.
   */
  default boolean groupCommit() {
    return false;
  }
}
