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
      this.room = new Semaphore(threads * 2);
    }
  }

  private final Map<String, Lane> lanes = new HashMap<>();
  private final Object freed = new Object();

  Lanes(Map<String, Integer> concurrency) {
    concurrency.forEach((type, threads) -> lanes.put(type, new Lane(type, Math.max(1, threads))));
  }

  /** Channel types with room for more, and how much. */
  Map<String, Integer> room() {
    return lanes.entrySet().stream()
        .filter(e -> e.getValue().room.availablePermits() > 0)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().room.availablePermits()));
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
            synchronized (freed) {
              freed.notifyAll();
            }
          }
        });
  }

  /** Waits until a send finishes, at most {@code max}. */
  void awaitRoom(Duration max) throws InterruptedException {
    synchronized (freed) {
      if (room().isEmpty()) {
        freed.wait(Math.max(1, max.toMillis()));
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
