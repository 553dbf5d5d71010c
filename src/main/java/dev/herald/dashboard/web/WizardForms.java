package dev.herald.dashboard.web;

import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the wizard's form fields into the distribution API's JSON (API.md "Distributions"), step by
 * step; the distributions module validates it. Which scope fields exist comes from the catalog
 * entry of the chosen trigger.
 */
final class WizardForms {

  private WizardForms() {}

  static String one(MultiValueMap<String, String> f, String name) {
    String v = f.getFirst(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  static List<String> all(MultiValueMap<String, String> f, String name) {
    List<String> v = f.get(name);
    return v == null ? List.of() : v;
  }

  /** Step 1: name, trigger with its scope, the manual audience, the time frame. */
  static ObjectNode trigger(
      MultiValueMap<String, String> f, ObjectNode spec, String newSegmentId, ZoneId zone) {
    ObjectNode body = Json.object();
    body.put("name", one(f, "name"));
    String type = one(f, "trigger_type");
    ObjectNode trigger = Json.object();
    if (type != null) {
      trigger.put("type", type);
    }
    for (String part : List.of("required", "optional")) {
      for (JsonNode scope : spec.path("scope").path(part)) {
        String field = scope.path("field").asString();
        String value = one(f, "scope." + field);
        if ("boolean".equals(scope.path("kind").asString())) {
          if (value != null) {
            trigger.put(field, true);
          }
        } else if ("__new__".equals(value) && newSegmentId != null) {
          trigger.put(field, newSegmentId);
        } else if (value != null && !"__new__".equals(value)) {
          trigger.put(field, value);
        }
      }
    }
    body.set("trigger", trigger);
    boolean manual = spec.path("manual").asBoolean(false);
    ObjectNode audience = Json.object();
    if (manual) {
      if ("segment".equals(one(f, "audience_kind"))) {
        String segment = one(f, "audience.segment_id");
        if ("__new__".equals(segment)) {
          segment = newSegmentId;
        }
        if (segment != null) {
          audience.put("segment_id", segment);
        }
      } else if (one(f, "audience.customer") != null) {
        audience.put("customer", one(f, "audience.customer"));
      }
      body.putNull("time_frame");
    } else {
      ObjectNode frame = Json.object();
      putTime(frame, "start_at", one(f, "time_frame.start_at"), zone);
      putTime(frame, "end_at", one(f, "time_frame.end_at"), zone);
      if (frame.isEmpty()) {
        body.putNull("time_frame");
      } else {
        body.set("time_frame", frame);
      }
    }
    body.set("audience", audience);
    return body;
  }

  private static void putTime(ObjectNode out, String field, String local, ZoneId zone) {
    if (local == null) {
      return;
    }
    try {
      out.put(field, Times.format(LocalDateTime.parse(local).atZone(zone).toInstant()));
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("invalid_date", field + " must be a date and time");
    }
  }

  /** The "add segment" dialog: its name and filter rows, or null when none was added. */
  static ObjectNode newSegment(MultiValueMap<String, String> f) {
    String name = one(f, "new_segment.name");
    if (name == null) {
      return null;
    }
    ObjectNode filter = Json.object();
    filter.put("junction", "or".equals(one(f, "new_segment.junction")) ? "or" : "and");
    List<String> fields = all(f, "new_segment.field");
    List<String> ops = all(f, "new_segment.op");
    List<String> values = all(f, "new_segment.value");
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i).trim();
      if (field.isEmpty() || i >= ops.size()) {
        continue;
      }
      String op = ops.get(i);
      String value = i < values.size() ? values.get(i).trim() : "";
      ObjectNode conditions = filter.withObjectProperty(field).withObjectProperty("conditions");
      if (List.of("$in", "$not_in").contains(op)) {
        ArrayNode items = conditions.putArray(op);
        for (String item : value.split(",")) {
          if (!item.isBlank()) {
            items.add(scalar(item.trim()));
          }
        }
      } else if (List.of("$has_value", "$is_unknown", "$today", "$this_month", "$next_month")
          .contains(op)) {
        conditions.put(op, true);
      } else {
        conditions.set(op, scalar(value));
      }
    }
    ObjectNode body = Json.object();
    body.put("name", name);
    body.put("type", "auto-update");
    body.set("filter", filter);
    return body;
  }

  private static JsonNode scalar(String value) {
    if (value.matches("-?\\d+(\\.\\d+)?")) {
      return Json.parse(value);
    }
    if (value.equals("true") || value.equals("false")) {
      return Json.parse(value);
    }
    return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(value);
  }

  /** Step 2: the action and what it requires. */
  static ObjectNode action(MultiValueMap<String, String> f) {
    ObjectNode action = Json.object();
    String type = one(f, "action_type");
    if (type != null) {
      action.put("type", type);
    }
    for (String field : List.of("campaign_id", "promotion_tier_id")) {
      // each action has its own pickers; only the chosen action's count
      String value = type == null ? null : one(f, "action." + type + "." + field);
      if (value != null) {
        action.put(field, value);
      }
    }
    return Json.object().set("action", action);
  }
}
