package dev.herald.messaging;

import dev.herald.shared.json.Json;
import dev.herald.shared.json.SameAs;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a message's variable snapshot is stored. Its {@code data} members that are the very objects
 * of its {@link SnapshotBase} event are written as {@code {"$event": "voucher"}} and the event's
 * sequence number goes in {@code message.data_of}; the rest is stored without the copies it holds
 * of itself ({@link SameAs}). Reading puts both back, so every reader sees the snapshot as it was
 * made. The event log is append-only, so a reference is as much a snapshot as a copy.
 */
final class Snapshots {

  static final String EVENT_MARK = "$event";

  private Snapshots() {}

  /** A snapshot as stored: its JSON, and the event it refers to (null if none). */
  record Stored(String json, Long dataOf) {}

  static Stored store(ObjectNode context, SnapshotBase base) {
    if (!(context.get("data") instanceof ObjectNode data)) {
      return new Stored(Json.write(context), null);
    }
    ObjectNode referred = data;
    Long dataOf = null;
    if (base != null) {
      for (Map.Entry<String, JsonNode> e : data.properties()) {
        JsonNode value = e.getValue();
        if (value.isContainer() && base.data().get(e.getKey()) == value) {
          if (referred == data) {
            referred = Json.object().setAll(data);
          }
          referred.set(e.getKey(), Json.object().put(EVENT_MARK, e.getKey()));
          dataOf = base.eventSeq();
        }
      }
    }
    ObjectNode compacted = SameAs.compact(referred);
    if (compacted == data) {
      return new Stored(Json.write(context), null);
    }
    ObjectNode out = Json.object().setAll(context);
    out.set("data", compacted);
    return new Stored(Json.write(out), dataOf);
  }

  /**
   * The snapshot as stored, its own copies put back; members it shares with its event are still
   * references until {@link #resolve} (the caller reads the events of many messages at once).
   */
  static ObjectNode read(String stored) {
    ObjectNode context = (ObjectNode) Json.parse(stored);
    if (context.get("data") instanceof ObjectNode data) {
      SameAs.expand(data);
    }
    return context;
  }

  /**
   * Puts the members shared with the event back, in place, from the event's data. The log keeps
   * every event, so {@code eventData} is there; were it not, the references would stay as stored.
   */
  static void resolve(ObjectNode context, ObjectNode eventData) {
    if (context.get("data") instanceof ObjectNode data) {
      resolveData(data, eventData);
    }
  }

  /** {@link #resolve} for a snapshot's {@code data} alone. */
  static void resolveData(ObjectNode data, ObjectNode eventData) {
    if (eventData == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      JsonNode name = e.getValue().get(EVENT_MARK);
      if (e.getValue().size() == 1 && name != null && name.isString()) {
        JsonNode original = eventData.get(name.asString());
        if (original != null) {
          e.setValue(original);
        }
      }
    }
  }
}
