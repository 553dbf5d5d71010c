package dev.herald.messaging;

import dev.herald.shared.json.Json;
import dev.herald.shared.json.SameAs;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a message's variable snapshot is stored. Its {@code data} members that are the very objects
 * of its {@link SnapshotBase} event are written as {@code {"$event": "voucher"}} and the event's
 * sequence number goes in {@code message.data_of}. Members that many messages of one queued batch
 * hold (the very same objects: the trigger's {@code event}, the {@code distribution}) are stored
 * once, in a {@code message_shared} row shaped like a snapshot, and written as {@code {"$shared":
 * "distribution"}}, its id in {@code message.shared_of}. The rest is stored without the copies it
 * holds of itself ({@link SameAs}). When many messages of the batch store the very same snapshot (a
 * manual send's, whose members are all marks), the shared row holds it as {@code "$snapshot"} and
 * each of them stores only {@code {"$shared": "$snapshot"}}. Reading puts all of it back, so every
 * reader sees the snapshot as it was made. Events and shared rows are never changed, so a reference
 * is as much a snapshot as a copy.
 */
final class Snapshots {

  static final String EVENT_MARK = "$event";

  static final String SHARED_MARK = "$shared";

  /** The name, in a batch's shared part, of the stored snapshot many of its messages have alike. */
  static final String SNAPSHOT = "$snapshot";

  /** What a message whose stored snapshot is its batch's {@link #SNAPSHOT} stores instead. */
  static final String SNAPSHOT_MARK = Json.write(Json.object().put(SHARED_MARK, SNAPSHOT));

  /** A member is stored once for a batch when at least this many of its messages hold it. */
  static final int SHARED_MIN_MESSAGES = 16;

  /** Members smaller than this are stored as they are (a mark would save little). */
  private static final int SHARED_MIN_FIELDS = 4;

  private Snapshots() {}

  /**
   * A snapshot as stored: its JSON, the event it refers to (null if none), and whether it refers to
   * its batch's shared part.
   */
  record Stored(String json, Long dataOf, boolean shared) {}

  /**
   * The members that at least {@link #SHARED_MIN_MESSAGES} of these snapshots hold, the very same
   * objects, and do not share with their events, as a snapshot of their own ({@code event} at the
   * top, {@code distribution} under {@code data}); null when there are none. Of two objects under
   * one name, the first one found is shared.
   */
  static ObjectNode shared(List<NewMessage> batch) {
    if (batch.size() < SHARED_MIN_MESSAGES) {
      return null;
    }
    Map<JsonNode, Integer> holders = new IdentityHashMap<>();
    ObjectNode out = Json.object();
    ObjectNode outData = Json.object();
    for (NewMessage m : batch) {
      for (Map.Entry<String, JsonNode> e : m.context().properties()) {
        if (e.getKey().equals("data") && e.getValue() instanceof ObjectNode data) {
          SnapshotBase base = m.base();
          for (Map.Entry<String, JsonNode> d : data.properties()) {
            if (base == null || base.data().get(d.getKey()) != d.getValue()) {
              count(holders, outData, d.getKey(), d.getValue());
            }
          }
        } else {
          count(holders, out, e.getKey(), e.getValue());
        }
      }
    }
    if (!outData.isEmpty()) {
      out.set("data", outData);
    }
    return out.isEmpty() ? null : out;
  }

  /** Counts one more holder of {@code value}; puts it in {@code shared} once enough hold it. */
  private static void count(
      Map<JsonNode, Integer> holders, ObjectNode shared, String name, JsonNode value) {
    if (!(value instanceof ObjectNode o) || o.size() < SHARED_MIN_FIELDS) {
      return;
    }
    int n = holders.merge(value, 1, Integer::sum);
    if (n == SHARED_MIN_MESSAGES && !shared.has(name)) {
      shared.set(name, value);
    }
  }

  /**
   * A snapshot as stored: the members shared with its event as marks, and those it holds of the
   * batch's {@link #shared} part (null: none) too.
   */
  static Stored store(ObjectNode context, SnapshotBase base, ObjectNode shared) {
    ObjectNode top = context;
    if (shared != null) {
      for (Map.Entry<String, JsonNode> e : context.properties()) {
        if (!e.getKey().equals("data") && shared.get(e.getKey()) == e.getValue()) {
          if (top == context) {
            top = Json.object().setAll(context);
          }
          top.set(e.getKey(), Json.object().put(SHARED_MARK, e.getKey()));
        }
      }
    }
    if (!(context.get("data") instanceof ObjectNode data)) {
      return new Stored(Json.write(top), null, top != context);
    }
    ObjectNode referred = data;
    Long dataOf = null;
    boolean sharedUsed = top != context;
    JsonNode sharedData = shared == null ? null : shared.get("data");
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      JsonNode value = e.getValue();
      String mark = null;
      if (base != null && value.isContainer() && base.data().get(e.getKey()) == value) {
        mark = EVENT_MARK;
        dataOf = base.eventSeq();
      } else if (sharedData != null && sharedData.get(e.getKey()) == value) {
        mark = SHARED_MARK;
        sharedUsed = true;
      }
      if (mark != null) {
        if (referred == data) {
          referred = Json.object().setAll(data);
        }
        referred.set(e.getKey(), Json.object().put(mark, e.getKey()));
      }
    }
    ObjectNode compacted = SameAs.compact(referred);
    if (compacted == data && top == context) {
      return new Stored(Json.write(context), null, false);
    }
    ObjectNode out = top == context ? Json.object().setAll(context) : top;
    out.set("data", compacted);
    return new Stored(Json.write(out), dataOf, sharedUsed);
  }

  /**
   * The stored snapshot (its JSON) that the most of {@code stored} have alike, if at least {@link
   * #SHARED_MIN_MESSAGES} do; else null.
   */
  static String alike(List<Stored> stored) {
    if (stored.size() < SHARED_MIN_MESSAGES) {
      return null;
    }
    Map<String, Integer> counts = new java.util.HashMap<>();
    String most = null;
    int mostCount = 0;
    for (Stored s : stored) {
      int n = counts.merge(s.json(), 1, Integer::sum);
      if (n > mostCount) {
        most = s.json();
        mostCount = n;
      }
    }
    return mostCount >= SHARED_MIN_MESSAGES ? most : null;
  }

  /**
   * The snapshot as stored, its own copies put back; members it shares with its event are still
   * references until {@link #resolve} (the caller reads the events of many messages at once).
   */
  static ObjectNode read(String stored) {
    return expanded((ObjectNode) Json.parse(stored));
  }

  /** {@code context} as stored with its own copies put back ({@link SameAs}), in place. */
  private static ObjectNode expanded(ObjectNode context) {
    if (context.get("data") instanceof ObjectNode data) {
      SameAs.expand(data);
    }
    return context;
  }

  /**
   * Puts back, in place, the members shared with the event (from {@code eventData}) and with the
   * other messages of the batch (from {@code shared}, its {@code message_shared} snapshot), each
   * null if none. Events are kept for good, so both are there; were one not, its references would
   * stay as stored.
   */
  static void resolve(ObjectNode context, ObjectNode eventData, ObjectNode shared) {
    if (shared != null
        && context.size() == 1
        && SNAPSHOT.equals(context.path(SHARED_MARK).asString(null))
        && shared.get(SNAPSHOT) instanceof ObjectNode whole) {
      // the batch's snapshot, as stored (its own copies still to put back)
      context.removeAll();
      context.setAll(expanded(whole.deepCopy()));
    }
    if (shared != null) {
      putBack(context, SHARED_MARK, shared, true);
    }
    if (context.get("data") instanceof ObjectNode data) {
      resolveData(data, eventData, shared == null ? null : shared.get("data"));
    }
  }

  /**
   * {@link #resolve} for a snapshot's {@code data} alone ({@code sharedData}: the shared part's).
   */
  static void resolveData(ObjectNode data, ObjectNode eventData, JsonNode sharedData) {
    if (eventData != null) {
      putBack(data, EVENT_MARK, eventData, false);
    }
    if (sharedData instanceof ObjectNode from) {
      putBack(data, SHARED_MARK, from, true);
    }
  }

  /**
   * Replaces each member of {@code into} that is a mark {@code {"<mark>": "<name>"}} with member
   * {@code name} of {@code from}: the object itself (an event's data, read for this call) or, for a
   * part many messages share, a copy each.
   */
  private static void putBack(ObjectNode into, String mark, ObjectNode from, boolean copy) {
    for (Map.Entry<String, JsonNode> e : into.properties()) {
      JsonNode name = e.getValue().get(mark);
      if (e.getValue().size() == 1 && name != null && name.isString()) {
        JsonNode original = from.get(name.asString());
        if (original != null) {
          e.setValue(copy ? original.deepCopy() : original);
        }
      }
    }
  }
}
