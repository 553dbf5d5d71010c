package dev.herald.shared.work;

import java.time.Duration;

/**
 * A background job run by {@link WorkerRuntime}: each call of {@link #runOnce()} claims a batch of
 * due rows ({@code FOR UPDATE SKIP LOCKED} with a lease), handles them and answers how many it
 * handled. When it handled none, the runtime waits for a {@code NOTIFY} on {@link #name()} or for
 * the poll interval, whichever comes first; so latency is low and nothing depends on a notification
 * arriving.
 */
public interface Worker {

  /** Unique name; also the wake-up key ({@code pg_notify('herald_wake', name)}). */
  String name();

  /** Claims and handles one batch; returns the number of items handled (0 = idle). */
  int runOnce();

  default Duration pollInterval() {
    return Duration.ofSeconds(1);
  }

  /** Threads running this worker on one node. */
  default int threads() {
    return 1;
  }
}
