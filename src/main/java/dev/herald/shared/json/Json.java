package dev.herald.shared.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Tree helpers for JSON stored in {@code jsonb} columns and built into responses. */
public final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static JsonNode nullNode() {
    return JsonNodeFactory.instance.nullNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses stored JSON text; {@code null} or blank gives a JSON null node. */
  public static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JsonNodeFactory.instance.nullNode();
    }
    return MAPPER.readTree(text);
  }

  /** Compact JSON text of a tree (for {@code jsonb} parameters and signed webhook bodies). */
  public static String write(JsonNode node) {
    return node == null ? null : MAPPER.writeValueAsString(node);
  }

  /**
   * Compact JSON of a tree as UTF-8 bytes, written straight to bytes (a request body: no text in
   * between to encode).
   */
  public static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  public static ObjectNode objectOrEmpty(JsonNode node) {
    return node != null && node.isObject() ? (ObjectNode) node.deepCopy() : object();
  }

  /** Converts a value (record, map, ...) to a tree with the given mapper's naming rules. */
  public static JsonNode tree(JsonMapper mapper, Object value) {
    return mapper.valueToTree(value);
  }
}
