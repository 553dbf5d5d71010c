package dev.herald.segments;

import dev.herald.segments.FilterNode.Group;
import dev.herald.segments.FilterNode.Leaf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a segment filter (reference §2.2) into a validated tree. A group is an object: an optional
 * {@code junction} ({@code and}, the default, or {@code or}, any case), field paths mapped to
 * {@code {"conditions": {"$op": value(s)}}} (several operators on one field must all hold), and an
 * optional {@code filters} array of nested groups. Every error is a 400 naming the path.
 */
@Component
class FilterParser {

  static final int MAX_DEPTH = 5;
  static final int MAX_CONDITIONS = 100;

  private final FieldSources sources;

  FilterParser(FieldSources sources) {
    this.sources = sources;
  }

  Group parse(JsonNode filter) {
    int[] count = {0};
    return group(filter, "filter", 1, count, true);
  }

  private Group group(JsonNode node, String where, int depth, int[] count, boolean top) {
    if (node == null || !node.isObject()) {
      throw FilterValues.invalid(where, "must be an object");
    }
    if (depth > MAX_DEPTH) {
      throw FilterValues.invalid(where, "nests deeper than " + MAX_DEPTH + " levels");
    }
    boolean any = junction(node.get("junction"), where);
    List<FilterNode> children = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      if (key.equals("junction")) {
        continue;
      }
      if (key.equals("filters")) {
        children.addAll(nested(e.getValue(), where + ".filters", depth, count));
        continue;
      }
      children.add(field(key, e.getValue(), where + "." + key, count));
    }
    if (children.isEmpty() && !top) {
      throw FilterValues.invalid(where, "must have at least one condition");
    }
    return new Group(any, children);
  }

  private static boolean junction(JsonNode value, String where) {
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.isString() && value.stringValue().equalsIgnoreCase("and")) {
      return false;
    }
    if (value.isString() && value.stringValue().equalsIgnoreCase("or")) {
      return true;
    }
    throw FilterValues.invalid(where + ".junction", "must be \"and\" or \"or\", got " + value);
  }

  private List<FilterNode> nested(JsonNode value, String where, int depth, int[] count) {
    if (!value.isArray()) {
      throw FilterValues.invalid(where, "must be an array of filter groups");
    }
    List<FilterNode> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      out.add(group(value.get(i), where + "[" + i + "]", depth + 1, count, false));
    }
    return out;
  }

  private FilterNode field(String path, JsonNode spec, String where, int[] count) {
    FieldSources.Resolved resolved =
        sources
            .resolve(path)
            .orElseThrow(
                () ->
                    FilterValues.invalid(
                        where,
                        "is not a known field (fields: "
                            + String.join(", ", sources.describe())
                            + ")"));
    if (spec == null || !spec.isObject()) {
      throw FilterValues.invalid(where, "must be an object with \"conditions\"");
    }
    for (String key : spec.propertyNames()) {
      if (!key.equals("conditions")) {
        throw FilterValues.invalid(where + "." + key, "is not allowed (only \"conditions\")");
      }
    }
    JsonNode conditions = spec.get("conditions");
    if (conditions == null || !conditions.isObject() || conditions.isEmpty()) {
      throw FilterValues.invalid(where + ".conditions", "must be an object of operators");
    }
    List<FilterNode> leaves = new ArrayList<>();
    for (Map.Entry<String, JsonNode> c : conditions.properties()) {
      if (++count[0] > MAX_CONDITIONS) {
        throw FilterValues.invalid("filter", "has more than " + MAX_CONDITIONS + " conditions");
      }
      leaves.add(leaf(resolved, c.getKey(), c.getValue(), where + ".conditions." + c.getKey()));
    }
    return leaves.size() == 1 ? leaves.get(0) : new Group(false, leaves);
  }

  private Leaf leaf(FieldSources.Resolved resolved, String opKey, JsonNode raw, String where) {
    SegmentField declared = resolved.field();
    Operator op =
        Operator.of(opKey)
            .orElseThrow(
                () ->
                    FilterValues.invalid(
                        where, "is not a known operator (" + names(declared) + ")"));
    SegmentField field = declared;
    List<JsonNode> items = FilterValues.items(raw);
    if (field.type() == FieldType.INFERRED) {
      if (!Operator.allowed(FieldType.INFERRED, field.anniversary()).contains(op)) {
        throw FilterValues.invalid(where, "is not available for " + field.path());
      }
      field = field.typed(FilterValues.settle(where, op, items));
    }
    if (!Operator.allowed(field.type(), field.anniversary()).contains(op)) {
      throw FilterValues.invalid(
          where,
          "is not available for "
              + field.type().name().toLowerCase()
              + " field "
              + field.path()
              + " ("
              + names(field)
              + ")");
    }
    return new Leaf(
        resolved.source(),
        field,
        new Condition(op, FilterValues.read(where, op, field.type(), items)));
  }

  private static String names(SegmentField field) {
    Set<Operator> allowed = Operator.allowed(field.type(), field.anniversary());
    return "operators: " + allowed.stream().map(Operator::key).collect(Collectors.joining(", "));
  }
}
