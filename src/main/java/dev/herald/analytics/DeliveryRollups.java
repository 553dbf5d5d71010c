package dev.herald.analytics;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.messaging.Message;
import dev.herald.messaging.MessageChange;
import dev.herald.messaging.MessageListener;
import dev.herald.messaging.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the delivery roll-ups and the delivery activity from messaging's recorded changes, in the
 * transaction that records them. Counts are collected per transaction and written once, just before
 * it commits (one statement per table, rows in key order): a dispatcher batch of a thousand
 * outcomes or a matcher transaction queueing a few messages costs two upserts, and the row locks
 * are held only for the commit. Delivery events ({@code customer.<channel>.sent|recovered|failed|
 * skipped}) are appended at once, in one batch per call.
 */
@Component
class DeliveryRollups implements MessageListener {

  private final DeliveryRepository repository;
  private final EventLog eventLog;

  DeliveryRollups(DeliveryRepository repository, EventLog eventLog) {
    this.repository = repository;
    this.eventLog = eventLog;
  }

  @Override
  public void recorded(List<MessageChange> changes) {
    Pending pending = pending();
    List<NewEvent> events = new ArrayList<>();
    for (MessageChange c : changes) {
      count(pending, c);
      NewEvent event = DeliveryEvents.of(c);
      if (event != null) {
        events.add(event);
      }
    }
    if (!events.isEmpty()) {
      eventLog.appendAll(events);
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      pending.flush();
    }
  }

  /** What a change adds to the counts, in the slot of the time the tables record for it. */
  private static void count(Pending pending, MessageChange c) {
    Message m = c.message();
    if (c.created()) {
      pending.add(m, c.at(), new DeliveryCounts(1, 0, 0, 0, 0, c.skipped() ? 1 : 0));
      return;
    }
    if (c.firstAttempt()) {
      pending.add(m, c.attempt().startedAt(), new DeliveryCounts(0, 1, 0, 0, 0, 0));
    }
    if (c.status() == MessageStatus.DELIVERED) {
      pending.add(m, c.at(), new DeliveryCounts(0, 0, 1, 0, c.recovered() ? 1 : 0, 0));
    } else if (c.status() == MessageStatus.FAILED) {
      pending.add(m, c.at(), new DeliveryCounts(0, 0, 0, 1, 0, 0));
    } else if (c.skipped()) {
      pending.add(m, c.at(), new DeliveryCounts(0, 0, 0, 0, 0, 1));
    }
  }

  private Pending pending() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new Pending();
    }
    Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      Pending created = new Pending();
      TransactionSynchronizationManager.bindResource(this, created);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              created.flush();
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(DeliveryRollups.this);
            }
          });
      pending = created;
    }
    return pending;
  }

  /** One transaction's counts, by (distribution, slot, channel). */
  private final class Pending {
    private final Map<String, DeliveryRepository.Delta> deltas = new TreeMap<>();

    void add(Message m, Instant at, DeliveryCounts counts) {
      Instant slot = Slots.slot(at);
      String key = m.ownerId() + "\u0000" + slot + "\u0000" + m.channelId();
      deltas.merge(
          key,
          new DeliveryRepository.Delta(
              m.projectId().value(), m.ownerId(), m.channelId(), m.channelType(), slot, counts),
          (a, b) ->
              new DeliveryRepository.Delta(
                  a.projectId(),
                  a.distributionId(),
                  a.channelId(),
                  a.channelType(),
                  a.slot(),
                  a.counts().plus(b.counts())));
    }

    void flush() {
      List<DeliveryRepository.Delta> out = new ArrayList<>(deltas.values());
      deltas.clear();
      out.removeIf(d -> d.counts().isZero());
      repository.add(out);
    }
  }
}
