package dev.herald.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Facade JSON as template data. Templates read {@code d.audience.segment_id} whether or not the API
 * object has that field (JSON leaves absent what is not set), so a missing field reads as null
 * instead of failing the page: Spring's map accessor only reads keys a map says it contains, and
 * this map says it contains every key. {@link #has} tells whether the field really is there.
 */
final class PageMap extends LinkedHashMap<String, Object> {

  private static final long serialVersionUID = 1L;

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String;
  }

  /** Whether the JSON object had this field (even if null). */
  boolean has(String key) {
    return super.containsKey(key);
  }

  /** A copy of plain values (request parameters, say) that reads absent keys as null. */
  static PageMap copy(Map<String, ?> values) {
    PageMap out = new PageMap();
    out.putAll(values);
    return out;
  }

  static PageMap of(JsonNode node) {
    PageMap out = new PageMap();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
    }
    return out;
  }

  static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return of(node);
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(n -> out.add(value(n)));
      return out;
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToInt() ? (Object) node.asInt() : (Object) node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    return node.asString();
  }

  static boolean has(Map<?, ?> map, String key) {
    return map instanceof PageMap p ? p.has(key) : map != null && map.containsKey(key);
  }
}
