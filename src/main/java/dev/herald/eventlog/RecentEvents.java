package dev.herald.eventlog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events this node appended most recently, once committed: what its own consumers and message
 * deliveries read a moment later, so they need not load and parse them again. Bounded (oldest first
 * out); a miss is read from the log. The log is append-only, so an entry never goes stale. Readers
 * get their own copy of the data, so no reader sees another's changes.
 */
final class RecentEvents {

  private final int capacity;
  private final LinkedHashMap<Long, Event> bySeq;

  RecentEvents(int capacity) {
    this.capacity = capacity;
    this.bySeq = new LinkedHashMap<>(capacity * 4 / 3 + 1);
  }

  synchronized void add(List<Event> committed) {
    for (Event e : committed) {
      bySeq.put(e.seq(), e);
    }
    int over = bySeq.size() - capacity;
    var it = bySeq.entrySet().iterator();
    while (over-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** The events of {@code seqs} held here, each with a copy of its data. */
  Map<Long, Event> get(Collection<Long> seqs) {
    Map<Long, Event> found = new HashMap<>();
    synchronized (this) {
      for (Long seq : seqs) {
        Event e = bySeq.get(seq);
        if (e != null) {
          found.put(seq, e);
        }
      }
    }
    found.replaceAll((seq, e) -> copy(e));
    return found;
  }

  /** Copies of the events; events sharing one data object share one copy of it. */
  static List<Event> copies(List<Event> events) {
    Map<ObjectNode, ObjectNode> copied = new IdentityHashMap<>();
    List<Event> out = new ArrayList<>(events.size());
    for (Event e : events) {
      out.add(copy(e, copied.computeIfAbsent(e.data(), ObjectNode::deepCopy)));
    }
    return out;
  }

  private static Event copy(Event e) {
    return copy(e, e.data().deepCopy());
  }

  private static Event copy(Event e, ObjectNode data) {
    return new Event(
        e.seq(),
        e.id(),
        e.projectId(),
        e.type(),
        e.customerId(),
        data,
        e.groupId(),
        e.channel(),
        e.causedBy(),
        e.depth(),
        // as the log keeps it
        e.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        e.distributionId(),
        e.cursor());
  }
}
