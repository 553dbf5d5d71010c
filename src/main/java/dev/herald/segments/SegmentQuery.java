package dev.herald.segments;

import dev.herald.shared.Times;
import dev.herald.shared.db.Sql;
import dev.herald.shared.web.QueryParams;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filters and order of {@code GET /v1/segments}: {@code ids}, {@code order} ({@code [-]created_at},
 * {@code [-]updated_at}, {@code [-]name}) and {@code filters[<field>][conditions][$op]} on {@code
 * name} ($is, $in, $contains, $starts_with), {@code type} ($is, $in), {@code initial_sync_status}
 * ($is) and {@code created_at} ($after, $before), all of which must hold.
 */
public final class SegmentQuery {

  private final String where;
  private final Map<String, Object> params;
  private final String orderBy;

  private SegmentQuery(String where, Map<String, Object> params, String orderBy) {
    this.where = where;
    this.params = params;
    this.orderBy = orderBy;
  }

  String where() {
    return where;
  }

  Map<String, Object> params() {
    return params;
  }

  String orderBy() {
    return orderBy;
  }

  private static final List<String> ORDERS =
      List.of("created_at", "-created_at", "updated_at", "-updated_at", "name", "-name");

  public static SegmentQuery from(QueryParams q) {
    StringBuilder where = new StringBuilder("project_id = :project and deleted_at is null");
    Map<String, Object> params = new LinkedHashMap<>();
    List<String> ids = q.strings("ids");
    if (!ids.isEmpty()) {
      where.append(" and id = any(cast(:ids as text[]))");
      params.put("ids", ids.toArray(String[]::new));
    }
    q.map("filters").ifPresent(filters -> filters(filters, where, params));
    String order = q.string("order").orElse("-created_at");
    if (!ORDERS.contains(order)) {
      throw QueryParams.invalid("order", "must be one of " + String.join(", ", ORDERS));
    }
    String column = order.replace("-", "");
    String direction = order.startsWith("-") ? " desc" : " asc";
    return new SegmentQuery(
        where.toString(), params, column + direction + " nulls last, id" + direction);
  }

  private static void filters(
      Map<String, Object> filters, StringBuilder where, Map<String, Object> params) {
    for (Map.Entry<String, Object> e : filters.entrySet()) {
      String field = e.getKey();
      if (field.equals("junction")) {
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> spec)
          || !(spec.get("conditions") instanceof Map<?, ?> conditions)) {
        throw QueryParams.invalid("filters[" + field + "]", "must have [conditions][$operator]");
      }
      for (Map.Entry<?, ?> c : conditions.entrySet()) {
        String op = String.valueOf(c.getKey());
        String name = "f" + params.size();
        where.append(" and ").append(condition(field, op, name, c.getValue(), params));
      }
    }
  }

  /** A query value given once, as a list ({@code [0]=…}) or a map. */
  private static List<String> values(Object value) {
    if (value instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }

  private static String condition(
      String field, String op, String name, Object value, Map<String, Object> params) {
    String at = "filters[" + field + "][conditions][" + op + "]";
    List<String> values = values(value);
    if (!List.of("name", "type", "initial_sync_status", "created_at").contains(field)) {
      throw QueryParams.invalid(
          "filters[" + field + "]",
          "is not a filter (name, type, initial_sync_status, created_at)");
    }
    String column = field;
    String key = field + " " + op;
    switch (key) {
      case "name $is", "type $is", "initial_sync_status $is" -> {
        params.put(name, values.get(0));
        return column + " = :" + name;
      }
      case "name $in", "type $in" -> {
        params.put(name, values.toArray(String[]::new));
        return column + " = any(cast(:" + name + " as text[]))";
      }
      case "name $contains" -> {
        params.put(name, values.get(0));
        return "strpos(name, :" + name + ") > 0";
      }
      case "name $starts_with" -> {
        params.put(name, values.get(0));
        return "starts_with(name, :" + name + ")";
      }
      case "created_at $after", "created_at $before" -> {
        Instant instant = Times.parseOrNull(values.get(0));
        if (instant == null) {
          throw QueryParams.invalid(at, "must be an ISO-8601 date-time");
        }
        params.put(name, Sql.ts(instant));
        return "created_at " + (op.equals("$after") ? ">" : "<") + " :" + name;
      }
      default -> throw QueryParams.invalid(at, "is not supported");
    }
  }
}
