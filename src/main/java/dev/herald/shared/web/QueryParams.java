package dev.herald.shared.web;

import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Query parameters in {@code qs} bracket form, as the Voucherify SDK sends them: {@code
 * created_at[after]=...}, {@code filters[metadata.k][conditions][$is]=v}, {@code a[0]=x}. The
 * container has already percent-decoded the names; this turns them into a tree of maps and lists.
 */
public final class QueryParams {

  private final Map<String, Object> root;

  private QueryParams(Map<String, Object> root) {
    this.root = root;
  }

  public static QueryParams of(HttpServletRequest request) {
    Map<String, Object> root = new LinkedHashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              for (String value : values) {
                put(root, parse(name), value);
              }
            });
    return new QueryParams(root);
  }

  public static QueryParams of(Map<String, String> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    flat.forEach((name, value) -> put(root, parse(name), value));
    return new QueryParams(root);
  }

  static List<String> parse(String name) {
    List<String> parts = new ArrayList<>();
    int open = name.indexOf('[');
    if (open <= 0 || !name.endsWith("]")) {
      parts.add(name);
      return parts;
    }
    parts.add(name.substring(0, open));
    int i = open;
    while (i < name.length() && name.charAt(i) == '[') {
      int close = name.indexOf(']', i);
      if (close < 0) {
        break;
      }
      parts.add(name.substring(i + 1, close));
      i = close + 1;
    }
    return parts;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, List<String> parts, String value) {
    Map<String, Object> current = root;
    for (int i = 0; i < parts.size() - 1; i++) {
      Object next = current.get(parts.get(i));
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        current.put(parts.get(i), next);
      }
      current = (Map<String, Object>) next;
    }
    String last = parts.get(parts.size() - 1);
    Object existing = current.get(last);
    if (existing instanceof List) {
      ((List<Object>) existing).add(value);
    } else if (existing instanceof String) {
      List<Object> list = new ArrayList<>();
      list.add(existing);
      list.add(value);
      current.put(last, list);
    } else {
      current.put(last, value);
    }
  }

  public Map<String, Object> asMap() {
    return root;
  }

  public Optional<String> string(String name) {
    Object value = root.get(name);
    if (value instanceof List<?> list && !list.isEmpty()) {
      return Optional.of(String.valueOf(list.get(0)));
    }
    return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
  }

  /** A nested value such as {@code created_at[after]}: {@code string("created_at", "after")}. */
  @SuppressWarnings("unchecked")
  public Optional<String> string(String name, String key) {
    Object value = root.get(name);
    if (value instanceof Map<?, ?> map && map.get(key) instanceof String s && !s.isEmpty()) {
      return Optional.of(s);
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  public Optional<Map<String, Object>> map(String name) {
    Object value = root.get(name);
    return value instanceof Map<?, ?> ? Optional.of((Map<String, Object>) value) : Optional.empty();
  }

  /** A list given as {@code a[0]=x&a[1]=y}, {@code a[]=x}, {@code a=x&a=y} or {@code a=x,y}. */
  public List<String> strings(String name) {
    Object value = root.get(name);
    List<String> out = new ArrayList<>();
    if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    } else if (value instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v)));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  public Optional<Integer> integer(String name, int min, int max) {
    return string(name)
        .map(
            s -> {
              try {
                int v = Integer.parseInt(s.trim());
                if (v < min || v > max) {
                  throw invalid(name, "must be between " + min + " and " + max);
                }
                return v;
              } catch (NumberFormatException e) {
                throw invalid(name, "must be an integer");
              }
            });
  }

  public Optional<Boolean> bool(String name) {
    return string(name)
        .map(
            s -> {
              if (s.equalsIgnoreCase("true")) {
                return true;
              }
              if (s.equalsIgnoreCase("false")) {
                return false;
              }
              throw invalid(name, "must be true or false");
            });
  }

  public Optional<Instant> instant(String name, String key) {
    return string(name, key).map(s -> parseInstant(name + "[" + key + "]", s));
  }

  public Optional<Instant> instant(String name) {
    return string(name).map(s -> parseInstant(name, s));
  }

  private static Instant parseInstant(String name, String text) {
    Instant parsed = Times.parseOrNull(text);
    if (parsed == null) {
      throw invalid(name, "must be an ISO-8601 date-time");
    }
    return parsed;
  }

  public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
    return string(name)
        .map(
            s -> {
              for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(s.replace('-', '_').replace(' ', '_'))) {
                  return constant;
                }
              }
              throw invalid(name, "has an unknown value '" + s + "'");
            });
  }

  public static ApiException invalid(String name, String problem) {
    return ApiException.badRequest("invalid_query_params", name + " " + problem);
  }
}
