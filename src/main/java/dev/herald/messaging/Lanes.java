package dev.herald.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Per-channel concurrency on one node: each channel type has its own threads (a slow SMTP relay
 * never holds up webhooks) and a bounded number of claimed messages in flight (twice its threads:
 * enough to keep them busy, few enough that nothing claimed waits long under its lease).
 */
final class Lanes {

  private static final class Lane {
    final ExecutorService executor;
    final Semaphore room;
    final int capacity;

    Lane(String type, int threads) {
      AtomicInteger n = new AtomicInteger();
      this.executor =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "herald-send-" + type + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.capacity = threads * 2;
      this.room = new Semaphore(capacity);
    }
  }

  private final Map<String, Lane> lanes = new HashMap<>();
  private final Object freed = new Object();
  private long finished;

  Lanes(Map<String, Integer> concurrency) {
    concurrency.forEach((type, threads) -> lanes.put(type, new Lane(type, Math.max(1, threads))));
  }

  /** Channel types with room for more, and how much. */
  Map<String, Integer> room() {
    return lanes.entrySet().stream()
        .filter(e -> e.getValue().room.availablePermits() > 0)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().room.availablePermits()));
  }

  /** How many claimed messages a channel type may have in flight: twice its threads (0 if none). */
  int capacity(String type) {
    Lane lane = lanes.get(type);
    return lane == null ? 0 : lane.capacity;
  }

  /**
   * How much room to wait for before claiming again while some lanes are full: a batch's worth (at
   * most {@code most}), but never more than half the smallest full lane holds, so a lane of a few
   * threads is refilled while half of it still runs instead of after a timeout.
   */
  int refill(Map<String, Integer> withRoom, int most) {
    int refill = most;
    for (Map.Entry<String, Lane> e : lanes.entrySet()) {
      if (!withRoom.containsKey(e.getKey())) {
        refill = Math.min(refill, e.getValue().capacity / 2);
      }
    }
    return Math.max(1, refill);
  }

  boolean tryTake(String type) {
    Lane lane = lanes.get(type);
    return lane != null && lane.room.tryAcquire();
  }

  /** Runs a send taken with {@link #tryTake}; its room is given back when it is done. */
  void run(String type, Runnable send) {
    Lane lane = lanes.get(type);
    lane.executor.execute(
        () -> {
          try {
            send.run();
          } finally {
            lane.room.release();
            roomFreed(1);
          }
        });
  }

  /**
   * Room came back: sends finished, or their outcomes were recorded (an unrecorded outcome still
   * takes up its lane's room, see {@code ResultWriter#unrecorded}). Wakes a dispatcher waiting in
   * {@link #awaitFinished}.
   */
  void roomFreed(int count) {
    synchronized (freed) {
      finished += count;
      freed.notifyAll();
    }
  }

  /** How many lanes there are (one per channel type). */
  int count() {
    return lanes.size();
  }

  /** How much room has come back so far (a mark for {@link #awaitFinished}). */
  long finished() {
    synchronized (freed) {
      return finished;
    }
  }

  /**
   * Waits until {@code count} more room came back since {@code mark} (so the next claim is a batch,
   * not one message at a time), at most {@code max}.
   */
  void awaitFinished(long mark, int count, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (freed) {
      while (finished - mark < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        freed.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Lets queued and running sends finish (at most {@code grace}), then stops the threads. */
  List<Runnable> shutdown(Duration grace) {
    lanes.values().forEach(l -> l.executor.shutdown());
    long deadline = System.nanoTime() + grace.toNanos();
    for (Lane l : lanes.values()) {
      try {
        l.executor.awaitTermination(
            Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return lanes.values().stream().flatMap(l -> l.executor.shutdownNow().stream()).toList();
  }
}
