package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events carried in a consumer's task instead of read back from the log, for consumers that name
 * the members of the data they read ({@link EventConsumer#reads}): the event's envelope and those
 * members, taken from the event as it was appended. A task carrying several writes the values they
 * all have alike once ({@link #payload}).
 */
final class CarriedEvents {

  private CarriedEvents() {}

  /**
   * The members a consumer reads ({@link EventConsumer#reads}), each as the field names along its
   * JSON pointer: worked out once for a consumer, not for each event.
   */
  record Reads(List<List<String>> paths) {

    static Reads of(List<String> pointers) {
      List<List<String>> paths = new ArrayList<>();
      for (String pointer : pointers) {
        List<String> path = new ArrayList<>();
        for (String name : pointer.substring(1).split("/")) {
          path.add(name.replace("~1", "/").replace("~0", "~"));
        }
        paths.add(List.copyOf(path));
      }
      return new Reads(List.copyOf(paths));
    }
  }

  /** The event with its data cut down to the members {@code reads} names, as task payload. */
  static ObjectNode carry(Event e, Reads reads) {
    ObjectNode out = Json.object();
    out.put("seq", e.seq());
    out.put("id", e.id());
    out.put("type", e.type());
    // what is usually absent is left out: a task carries up to a thousand of these
    putIfSet(out, "customer_id", e.customerId());
    putIfSet(out, "group_id", e.groupId());
    putIfSet(out, "channel", e.channel());
    putIfSet(out, "distribution_id", e.distributionId());
    if (!e.causedBy().isEmpty()) {
      e.causedBy().forEach(out.withArray("caused_by")::add);
    }
    if (e.depth() != 0) {
      out.put("depth", e.depth());
    }
    out.put("created_at", asStored(e.createdAt()).toString());
    out.set("data", members(e.data(), reads));
    return out;
  }

  private static void putIfSet(ObjectNode out, String name, String value) {
    if (value != null) {
      out.put(name, value);
    }
  }

  /** A time as the log stores it: to the nearest microsecond, as a carried event reads back. */
  private static Instant asStored(Instant t) {
    Instant micros = t.truncatedTo(ChronoUnit.MICROS);
    return t.getNano() % 1000 >= 500 ? micros.plusNanos(1000) : micros;
  }

  /**
   * The members of {@code data} that {@code reads} names, at the same places; absent ones are left
   * out (a JSON null is a member).
   */
  static ObjectNode members(ObjectNode data, Reads reads) {
    ObjectNode out = Json.object();
    for (List<String> path : reads.paths()) {
      JsonNode value = get(data, path);
      if (value != null) {
        put(out, path, value);
      }
    }
    return out;
  }

  /** The member of a task's payload holding what every event it carries has alike. */
  private static final String COMMON = "common";

  /**
   * A task's payload carrying these events: {@code {"events": [...]}}, and for several, the fields
   * (at any depth) whose value is the same in every event written once in {@code "common"} and left
   * out of each event. A manual send's batch of publications has one type, distribution, causation
   * and campaign: each event then carries its own ids and little else, about a quarter of its size.
   */
  static ObjectNode payload(List<ObjectNode> events) {
    ObjectNode payload = Json.object();
    ArrayNode carried = payload.putArray("events");
    ObjectNode common = events.size() < 2 ? Json.object() : common(events);
    if (common.isEmpty()) {
      events.forEach(carried::add);
      return payload;
    }
    payload.set(COMMON, common);
    for (ObjectNode e : events) {
      carried.add(own(e, common));
    }
    return payload;
  }

  /**
   * The events a task's payload carries, each whole ({@link #payload}'s common values put back, a
   * copy in each event).
   */
  static List<ObjectNode> events(JsonNode payload) {
    List<ObjectNode> out = new ArrayList<>();
    JsonNode common = payload.get(COMMON);
    for (JsonNode e : payload.path("events")) {
      ObjectNode event = (ObjectNode) e;
      if (common instanceof ObjectNode shared) {
        merge(event, shared); // in place: the payload is this task's, read for this run
      }
      out.add(event);
    }
    return out;
  }

  /**
   * The leaves every one of {@code events} has at the same place with equal values, as a tree
   * shaped like the events: a leaf is a value that is not an object, or an empty object. Walked
   * side by side, without a path per leaf: a manual send's task carries a thousand events.
   */
  private static ObjectNode common(List<ObjectNode> events) {
    ObjectNode common = shape(events.get(0));
    for (int i = 1; i < events.size() && !common.isEmpty(); i++) {
      keepAlike(common, events.get(i));
    }
    return common;
  }

  /** A copy of the objects of {@code node} (non-empty ones), sharing its leaves. */
  private static ObjectNode shape(ObjectNode node) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      out.set(f.getKey(), branch(f.getValue()) ? shape((ObjectNode) f.getValue()) : f.getValue());
    }
    return out;
  }

  /** Removes from {@code common} the leaves {@code event} does not have alike. */
  private static void keepAlike(ObjectNode common, ObjectNode event) {
    List<String> differ = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : common.properties()) {
      JsonNode mine = f.getValue();
      JsonNode theirs = event.get(f.getKey());
      boolean alike;
      if (branch(mine)) {
        // a leaf under this object is alike only where theirs is an object too
        alike = branch(theirs);
        if (alike) {
          keepAlike((ObjectNode) mine, (ObjectNode) theirs);
          alike = !mine.isEmpty();
        }
      } else {
        alike = mine.equals(theirs); // never equal to an object with fields, nor to none
      }
      if (!alike) {
        differ.add(f.getKey());
      }
    }
    common.remove(differ);
  }

  /**
   * What of {@code event} is not in {@code common} (its leaves there are the event's own, as every
   * event has them alike), with the objects on their way; shares the event's values.
   */
  private static ObjectNode own(ObjectNode event, ObjectNode common) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> f : event.properties()) {
      JsonNode value = f.getValue();
      JsonNode alike = common.get(f.getKey());
      if (branch(value) && branch(alike)) {
        ObjectNode rest = own((ObjectNode) value, (ObjectNode) alike);
        if (!rest.isEmpty()) {
          out.set(f.getKey(), rest);
        }
      } else if (alike == null) {
        out.set(f.getKey(), value);
      }
    }
    return out;
  }

  /** Whether {@code node} is an object with fields: what is not a leaf. */
  private static boolean branch(JsonNode node) {
    return node instanceof ObjectNode o && !o.isEmpty();
  }

  /** The value at {@code path} under {@code node}, or null if there is none. */
  private static JsonNode get(ObjectNode node, List<String> path) {
    JsonNode value = node;
    for (int i = 0; i < path.size() && value != null; i++) {
      value = value instanceof ObjectNode o ? o.get(path.get(i)) : null;
    }
    return value;
  }

  /** Sets {@code value} at {@code path} under {@code node}, making the objects on the way. */
  private static void put(ObjectNode node, List<String> path, JsonNode value) {
    ObjectNode at = node;
    for (int i = 0; i < path.size() - 1; i++) {
      at = at.get(path.get(i)) instanceof ObjectNode o ? o : at.putObject(path.get(i));
    }
    at.set(path.get(path.size() - 1), value);
  }

  /** Adds {@code common}'s fields to {@code event}, into its objects of the same names. */
  private static void merge(ObjectNode event, ObjectNode common) {
    for (Map.Entry<String, JsonNode> f : common.properties()) {
      if (branch(f.getValue()) && event.get(f.getKey()) instanceof ObjectNode into) {
        merge(into, (ObjectNode) f.getValue());
      } else {
        event.set(f.getKey(), f.getValue().deepCopy());
      }
    }
  }

  /** A carried event of {@code project}'s task, as the consumer gets it. */
  static Event read(ProjectId project, JsonNode json) {
    List<String> causedBy = new ArrayList<>();
    json.path("caused_by").forEach(n -> causedBy.add(n.asString()));
    return new Event(
        json.get("seq").asLong(),
        json.get("id").asString(),
        project,
        json.get("type").asString(),
        json.path("customer_id").asString(null),
        (ObjectNode) json.get("data"),
        json.path("group_id").asString(null),
        json.path("channel").asString(null),
        List.copyOf(causedBy),
        json.path("depth").asInt(),
        Instant.parse(json.get("created_at").asString()),
        json.path("distribution_id").asString(null),
        null);
  }
}
