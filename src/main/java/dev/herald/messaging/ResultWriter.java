package dev.herald.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records outcomes in batches: one transaction per batch (the new states in one statement, the
 * attempt log in another, webhook channels to pause, and the {@link MessageListener}s' read
 * models), so the database does a few statements per hundred messages instead of a transaction
 * each. Only claims still held by this node are recorded; a batch that fails to commit is retried,
 * and if the node dies first, the leases run out and the messages are sent again (at least once;
 * receivers dedupe on {@code webhook-id}).
 */
final class ResultWriter {

  private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
  private static final int MAX_BATCH = 1000;

  /**
   * How long a batch waits for more outcomes after its first, until it has {@link #FULL}: under
   * load a few milliseconds turn a transaction per thirty outcomes into one per sixty, and a lone
   * outcome is recorded that much later. Waiting outcomes take up their lane's room, so a batch
   * stops waiting as soon as they hold half of a lane's room: a lane of a few threads would
   * otherwise have nothing left to claim until the wait ran out (eight webhook threads delivered
   * 1,051 messages a second instead of 2,807, bench/delivery).
   */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Half the room of the default webhook lane (64 threads, {@link Lanes#capacity}). */
  private static final int FULL = 64;

  private final String node;
  private final OutcomeRepository messages;
  private final ChannelRepository channels;
  private final MessageListeners listeners;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final LinkedBlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
  private final ConcurrentHashMap<String, AtomicInteger> unrecorded = new ConcurrentHashMap<>();
  private final ToIntFunction<String> capacity;
  private final IntConsumer onRecorded;
  private volatile boolean running;
  private Thread thread;

  ResultWriter(
      String node,
      OutcomeRepository messages,
      ChannelRepository channels,
      MessageListeners listeners,
      TransactionTemplate tx,
      Clock clock,
      ToIntFunction<String> capacity,
      IntConsumer onRecorded) {
    this.capacity = capacity;
    this.onRecorded = onRecorded;
    this.node = node;
    this.listeners = listeners;
    this.messages = messages;
    this.channels = channels;
    this.tx = tx;
    this.clock = clock;
  }

  void add(Outcome outcome) {
    counter(outcome.message().channelType()).incrementAndGet();
    queue.add(outcome);
  }

  /**
   * Outcomes of a channel type handed in and not recorded yet: their messages are still this node's
   * claims, so the dispatcher counts them against the lane's room (a slow commit slows claiming
   * instead of piling up claims that a crash would leave to their leases).
   */
  int unrecorded(String channelType) {
    AtomicInteger n = unrecorded.get(channelType);
    return n == null ? 0 : n.get();
  }

  private AtomicInteger counter(String channelType) {
    return unrecorded.computeIfAbsent(channelType, k -> new AtomicInteger());
  }

  /** Whether some lane has half its room taken by outcomes waiting here: record them now. */
  boolean laneWaits() {
    for (Map.Entry<String, AtomicInteger> e : unrecorded.entrySet()) {
      int n = e.getValue().get();
      if (n > 0 && 2 * n >= capacity.applyAsInt(e.getKey())) {
        return true;
      }
    }
    return false;
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "herald-dispatch-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Writes everything queued so far, then stops. */
  synchronized void stop(Duration grace) {
    running = false;
    if (thread != null) {
      try {
        thread.join(grace.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(100);
    List<Outcome> batch = new ArrayList<>();
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Outcome first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          linger(batch);
        }
        write(batch);
        batch.forEach(o -> counter(o.message().channelType()).decrementAndGet());
        onRecorded.accept(batch.size());
        batch.clear();
        backoff = Duration.ofMillis(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn(
            "Recording {} delivery outcomes failed; retrying in {} ms",
            batch.size(),
            backoff.toMillis(),
            e);
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10)
                : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * Adds to {@code batch} what is waiting, then what arrives within {@link #LINGER_NANOS} while it
   * has fewer than {@link #FULL} and no lane waits for it ({@link #laneWaits}); never more than
   * {@link #MAX_BATCH}.
   */
  private void linger(List<Outcome> batch) throws InterruptedException {
    long deadline = System.nanoTime() + LINGER_NANOS;
    queue.drainTo(batch, MAX_BATCH - batch.size());
    while (batch.size() < FULL && !laneWaits()) {
      long left = deadline - System.nanoTime();
      Outcome next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, MAX_BATCH - batch.size());
    }
  }

  void write(List<Outcome> batch) {
    long t0 = System.nanoTime();
    Instant now = clock.instant();
    tx.executeWithoutResult(
        s -> {
          Set<String> ours = messages.finish(node, now, batch);
          List<Message> attempted = new ArrayList<>();
          List<Attempt> attempts = new ArrayList<>();
          List<String> pause = new ArrayList<>();
          List<MessageChange> changes = new ArrayList<>();
          for (Outcome o : batch) {
            if (!ours.contains(o.message().id())) {
              continue;
            }
            changes.add(
                new MessageChange(
                    o.message(),
                    false,
                    o.status(),
                    o.reason(),
                    o.error(),
                    now,
                    o.attempt(),
                    o.next()));
            if (o.attempt() != null) {
              attempted.add(o.message());
              attempts.add(o.attempt());
            }
            if (o.pauseChannel() != null) {
              pause.add(o.pauseChannel());
            }
          }
          messages.insertAttempts(attempted, attempts);
          channels.pause(pause, now);
          listeners.recorded(changes);
        });
    if (log.isDebugEnabled()) {
      log.debug(
          "recorded {} outcomes in {} ms", batch.size(), (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
