package dev.herald.shared.work;

import java.time.Duration;

/**
 * Handles the tasks of one queue. {@link #handle} runs inside a transaction that also deletes (or
 * reschedules) the task, so its database effects and the task's completion commit together: a crash
 * before commit redoes the task, a crash after finds it done. Throwing rolls back and retries later
 * with exponential backoff.
 */
public interface TaskHandler {

  String queue();

  TaskResult handle(Task task);

  default int threads() {
    return 1;
  }

  default int batchSize() {
    return 50;
  }

  /**
   * How long a claimed task stays invisible to other nodes; a dead node's tasks return after it.
   */
  default Duration lease() {
    return Duration.ofMinutes(5);
  }

  /**
   * How long a thread may go on with a task it holds that asks to run again at once (a long job's
   * next batch) without giving it back and claiming it again: each run is still a transaction of
   * its own, and the lease is renewed with it. Zero (the default): every run is claimed. Other
   * tasks of the queue wait for a thread meanwhile, so this is for queues whose jobs take turns
   * anyway.
   */
  default Duration keepFor() {
    return Duration.ZERO;
  }

  default Duration pollInterval() {
    return Duration.ofSeconds(1);
  }

  /**
   * Whether a claimed batch may run in one transaction (one commit for many small tasks). If any
   * task of the batch throws, the batch rolls back and each task runs again in its own transaction,
   * so one bad task never holds up the rest. Only for handlers whose effects are all in the
   * database.
   */
  default boolean groupCommit() {
    return false;
  }

  /**
   * Called with a group-committed batch before its tasks are handled, in their transaction: a
   * handler may load what they all need with one query.
   */
  default void prefetch(java.util.List<Task> tasks) {}

  /** After this many failed runs the task is parked ({@code dead_at} set) and logged. */
  default int maxAttempts() {
    return 25;
  }
}
