package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events carried in a consumer's task instead of read back from the log, for consumers that name
 * the members of the data they read ({@link EventConsumer#reads}): the event's envelope and those
 * members, taken from the event as it was appended.
 */
final class CarriedEvents {

  private CarriedEvents() {}

  /**
   * The members a consumer reads ({@link EventConsumer#reads}), each as the field names along its
   * JSON pointer: worked out once for a consumer, not for each event.
   */
  record Reads(List<String[]> paths) {

    static Reads of(List<String> pointers) {
      List<String[]> paths = new ArrayList<>();
      for (String pointer : pointers) {
        String[] path = pointer.substring(1).split("/");
        for (int i = 0; i < path.length; i++) {
          path[i] = path[i].replace("~1", "/").replace("~0", "~");
        }
        paths.add(path);
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
    for (String[] path : reads.paths()) {
      JsonNode value = data;
      for (int i = 0; i < path.length && value != null; i++) {
        value = value instanceof ObjectNode o ? o.get(path[i]) : null;
      }
      if (value == null) {
        continue;
      }
      ObjectNode at = out;
      for (int i = 0; i < path.length - 1; i++) {
        at = at.get(path[i]) instanceof ObjectNode o ? o : at.putObject(path[i]);
      }
      at.set(path[path.length - 1], value);
    }
    return out;
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
