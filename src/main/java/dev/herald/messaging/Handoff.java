package dev.herald.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Messages this node queues and claims in one go, handed to its own dispatcher in memory.
 *
 * <p>A message queued on a node whose dispatcher runs is inserted already claimed by that node
 * ({@code SENDING}, its lease starting at the insert) and, once the transaction commits, handed to
 * the dispatcher as the snapshot it was built from. The dispatcher sends it like any claim, without
 * claiming it from the table or reading its snapshot back. Everything else is as for a claim: an
 * outcome is recorded against the lease; a node that dies leaves the lease to run out and another
 * node takes the message over. The dispatcher lets a handed message go back to {@code QUEUED}
 * instead of sending it when half its lease is gone, so a message is never sent on a lease that may
 * have run out.
 *
 * <p>At most {@link #CAPACITY} messages wait here per node (a place is reserved before the insert
 * and given back if the transaction rolls back); the rest of a batch is queued as before and
 * claimed from the table.
 */
@Component
class Handoff {

  /** Handed messages waiting on one node, at most. */
  static final int CAPACITY = 1_000;

  /** A handed message: the claimed message and when its lease runs out. */
  record Handed(Message message, Instant leaseUntil) {}

  /** Places reserved by a queuing transaction: the claim's holder and lease, and how many. */
  record Grant(String node, Instant leaseUntil, int count) {
    static final Grant NONE = new Grant(null, null, 0);
  }

  private final AtomicInteger free = new AtomicInteger();
  private final Map<String, Queue<Handed>> waiting = new ConcurrentHashMap<>();
  private volatile String node;
  private volatile Duration lease;

  /** The dispatcher of this node starts taking messages, claimed as {@code node}. */
  void open(String node, Duration lease) {
    this.lease = lease;
    this.node = node;
    free.set(CAPACITY);
  }

  /**
   * The dispatcher stops taking messages: returns what waits, for it to put back. A transaction
   * that reserved places before and commits after this is refused by {@link #hand} and puts its
   * messages back itself.
   */
  List<Handed> close() {
    node = null;
    free.set(Integer.MIN_VALUE / 2);
    List<Handed> left = new ArrayList<>();
    waiting.values().forEach(q -> drain(q, Integer.MAX_VALUE, left));
    return left;
  }

  /** Reserves up to {@code wanted} places for messages claimed at {@code now}. */
  Grant reserve(int wanted, Instant now) {
    String holder = node;
    if (wanted <= 0 || holder == null) {
      return Grant.NONE;
    }
    while (true) {
      int f = free.get();
      if (f <= 0) {
        return Grant.NONE;
      }
      int n = Math.min(f, wanted);
      if (free.compareAndSet(f, f - n)) {
        return new Grant(holder, now.plus(lease), n);
      }
    }
  }

  /** Gives back places reserved and not used (rows not inserted, or a rollback). */
  void release(int count) {
    if (count > 0) {
      free.addAndGet(count);
    }
  }

  /** Hands committed messages to the dispatcher; false (nothing taken) once it stopped. */
  boolean hand(List<Handed> messages) {
    if (node == null) {
      return false;
    }
    for (Handed h : messages) {
      waiting.computeIfAbsent(h.message().channelType(), t -> new ConcurrentLinkedQueue<>()).add(h);
    }
    return true;
  }

  /** Takes up to {@code max} waiting messages of one channel type, oldest first. */
  List<Handed> take(String channelType, int max) {
    Queue<Handed> q = waiting.get(channelType);
    if (q == null || max <= 0) {
      return List.of();
    }
    List<Handed> out = new ArrayList<>(Math.min(max, 256));
    drain(q, max, out);
    return out;
  }

  private void drain(Queue<Handed> q, int max, List<Handed> out) {
    Handed h;
    int taken = 0;
    while (taken < max && (h = q.poll()) != null) {
      out.add(h);
      taken++;
    }
    free.addAndGet(taken);
  }

  /** Whether a handed message should still be sent: more than half its lease is left. */
  boolean fresh(Handed h, Instant now) {
    return now.isBefore(h.leaseUntil().minus(lease.dividedBy(2)));
  }
}
