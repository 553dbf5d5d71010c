package dev.herald.templates;

import dev.herald.shared.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook payload designer. A design is either JSON (an object whose string values may hold
 * {@code {{path}}}, rendered as strings) or designer text, where a placeholder outside quotes keeps
 * its value's JSON type ({@code {"total": {{order.total_amount}}}} stays a number) and one inside
 * quotes becomes part of the string.
 */
final class PayloadTemplate {

  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
  static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]+)*");

  private PayloadTemplate() {}

  /** Every variable path the design uses; throws on a malformed placeholder. */
  static Set<String> variables(JsonNode design) {
    Set<String> out = new LinkedHashSet<>();
    collect(design, out);
    return out;
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isString()) {
      Matcher m = PLACEHOLDER.matcher(node.stringValue());
      while (m.find()) {
        String path = m.group(1);
        if (!PATH.matcher(path).matches()) {
          throw new TemplateException("'{{" + path + "}}' is not a variable path");
        }
        out.add(path);
      }
    } else if (node.isContainer()) {
      for (JsonNode child : node.values()) {
        collect(child, out);
      }
      if (node.isObject()) {
        for (String key : node.propertyNames()) {
          collect(Json.object().put("k", key).get("k"), out);
        }
      }
    }
  }

  /** Renders the design against the variables; text designs must yield valid JSON. */
  static JsonNode render(JsonNode design, JsonNode variables) {
    if (design.isString()) {
      String text = renderText(design.stringValue(), variables);
      try {
        return Json.parse(text);
      } catch (JacksonException e) {
        throw new TemplateException("the payload design does not render to valid JSON");
      }
    }
    return renderTree(design, variables);
  }

  private static JsonNode renderTree(JsonNode node, JsonNode variables) {
    if (node.isString()) {
      return Json.object().put("v", interpolate(node.stringValue(), variables)).get("v");
    }
    if (node.isObject()) {
      ObjectNode out = Json.object();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(interpolate(e.getKey(), variables), renderTree(e.getValue(), variables));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.array();
      node.values().forEach(v -> out.add(renderTree(v, variables)));
      return out;
    }
    return node;
  }

  /** Replaces placeholders in plain text: strings as they are, other values as JSON. */
  static String interpolate(String text, JsonNode variables) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode value = resolve(variables, m.group(1));
      String replacement =
          value == null || value.isNull() || value.isMissingNode()
              ? ""
              : value.isString() ? value.stringValue() : Json.write(value);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Designer text: placeholders inside JSON strings are escaped text, outside are JSON values. */
  static String renderText(String text, JsonNode variables) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{' && text.startsWith("{{", i)) {
        int end = text.indexOf("}}", i + 2);
        if (end > 0) {
          JsonNode value = resolve(variables, text.substring(i + 2, end).trim());
          out.append(inString ? escapedText(value) : jsonLiteral(value));
          i = end + 2;
          continue;
        }
      }
      if (c == '"' && !escaped(text, i)) {
        inString = !inString;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean escaped(String text, int quote) {
    int backslashes = 0;
    for (int j = quote - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static String jsonLiteral(JsonNode value) {
    return value == null || value.isMissingNode() ? "null" : Json.write(value);
  }

  private static String escapedText(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    String raw = value.isString() ? value.stringValue() : Json.write(value);
    String quoted = Json.write(Json.object().put("v", raw).get("v"));
    return quoted.substring(1, quoted.length() - 1);
  }

  /** {@code customer.metadata.tier} → the value at that path, or null. */
  static JsonNode resolve(JsonNode root, String path) {
    JsonNode current = root;
    for (String part : path.split("\\.")) {
      if (current == null || current.isNull() || current.isMissingNode()) {
        return null;
      }
      current =
          current.isArray() && part.chars().allMatch(Character::isDigit)
              ? current.get(Integer.parseInt(part))
              : current.get(part);
    }
    return current;
  }

  static List<String> sortedList(Set<String> variables) {
    List<String> out = new ArrayList<>(variables);
    out.sort(String::compareTo);
    return out;
  }
}
