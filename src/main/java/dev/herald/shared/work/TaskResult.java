package dev.herald.shared.work;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** What a {@link TaskHandler} wants done with its task after a successful run. */
public sealed interface TaskResult {

  /** Finished: the task row is deleted in the handler's transaction. */
  record Done() implements TaskResult {}

  /**
   * Run again at {@code at} (a periodic job, a long job going on batch by batch, or a wait), with a
   * new payload if not null (e.g. the cursor reached). Not a failure: attempts restart at 0.
   */
  record Again(Instant at, JsonNode payload) implements TaskResult {}

  static TaskResult done() {
    return new Done();
  }

  static TaskResult again(Instant at) {
    return new Again(at, null);
  }

  static TaskResult again(Instant at, JsonNode payload) {
    return new Again(at, payload);
  }
}
