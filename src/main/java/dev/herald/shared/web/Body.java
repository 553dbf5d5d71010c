package dev.herald.shared.web;

import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON request body field by field. Every type mismatch is rejected with a 400 whose
 * details name the field ({@code "customer.email must be a string"}), and {@link #has} tells an
 * omitted field (leave unchanged) from an explicit {@code null} (clear it).
 */
public final class Body {

  private final ObjectNode node;
  private final String path;
  private final String errorKey;

  private Body(ObjectNode node, String path, String errorKey) {
    this.node = node;
    this.path = path;
    this.errorKey = errorKey;
  }

  /** The request body as an object, or a 400 {@code errorKey} when it is missing or not one. */
  public static Body of(JsonNode node, String errorKey) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw ApiException.badRequest(errorKey, "Request body is required");
    }
    if (!node.isObject()) {
      throw ApiException.badRequest(errorKey, "Request body must be a JSON object");
    }
    return new Body((ObjectNode) node, "", errorKey);
  }

  /** An empty body, for calls whose body is optional. */
  public static Body ofNullable(JsonNode node, String errorKey) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return new Body(
          tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "", errorKey);
    }
    return of(node, errorKey);
  }

  public ObjectNode node() {
    return node;
  }

  public String errorKey() {
    return errorKey;
  }

  public String pathOf(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** True when the field is present, even as {@code null}. */
  public boolean has(String field) {
    return node.has(field);
  }

  public boolean isNull(String field) {
    return node.has(field) && node.get(field).isNull();
  }

  public ApiException invalid(String field, String problem) {
    return ApiException.badRequest(errorKey, pathOf(field) + " " + problem);
  }

  private Optional<JsonNode> present(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public Optional<JsonNode> raw(String field) {
    return present(field);
  }

  public Optional<String> string(String field) {
    return present(field)
        .map(
            v -> {
              if (!v.isString()) {
                throw invalid(field, "must be a string");
              }
              return v.stringValue();
            });
  }

  public String requiredString(String field) {
    String value = string(field).orElseThrow(() -> invalid(field, "is required"));
    if (value.isBlank()) {
      throw invalid(field, "must not be blank");
    }
    return value;
  }

  public Optional<Long> integer(String field) {
    return present(field)
        .map(
            v -> {
              if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
                throw invalid(field, "must be an integer");
              }
              return v.longValue();
            });
  }

  public Optional<Double> number(String field) {
    return present(field)
        .map(
            v -> {
              if (!v.isNumber()) {
                throw invalid(field, "must be a number");
              }
              return v.doubleValue();
            });
  }

  public Optional<Boolean> bool(String field) {
    return present(field)
        .map(
            v -> {
              if (!v.isBoolean()) {
                throw invalid(field, "must be a boolean");
              }
              return v.booleanValue();
            });
  }

  public Optional<Body> object(String field) {
    return present(field)
        .map(
            v -> {
              if (!v.isObject()) {
                throw invalid(field, "must be an object");
              }
              return new Body((ObjectNode) v, pathOf(field), errorKey);
            });
  }

  public Optional<List<Body>> objects(String field) {
    return present(field)
        .map(
            v -> {
              if (!v.isArray()) {
                throw invalid(field, "must be an array");
              }
              List<Body> out = new ArrayList<>();
              for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isObject()) {
                  throw invalid(field + "[" + i + "]", "must be an object");
                }
                out.add(new Body((ObjectNode) item, pathOf(field) + "[" + i + "]", errorKey));
              }
              return out;
            });
  }

  public Optional<List<String>> strings(String field) {
    return present(field)
        .map(
            v -> {
              if (!v.isArray()) {
                throw invalid(field, "must be an array of strings");
              }
              List<String> out = new ArrayList<>();
              for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isString()) {
                  throw invalid(field + "[" + i + "]", "must be a string");
                }
                out.add(v.get(i).stringValue());
              }
              return out;
            });
  }

  /** A JSON object whose values are free-form (metadata). */
  public Optional<ObjectNode> metadata(String field) {
    return present(field)
        .map(
            v -> {
              if (!v.isObject()) {
                throw invalid(field, "must be an object");
              }
              return (ObjectNode) v;
            });
  }

  public <E extends Enum<E>> Optional<E> enumValue(String field, Class<E> type) {
    return string(field)
        .map(
            s -> {
              for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(s.replace('-', '_'))) {
                  return constant;
                }
              }
              throw invalid(
                  field,
                  "must be one of "
                      + Arrays.stream(type.getEnumConstants())
                          .map(e -> e.name())
                          .collect(Collectors.joining(", "))
                      + " (got '"
                      + s
                      + "')");
            });
  }

  /** One of the given string values, compared case-insensitively, returned as given here. */
  public Optional<String> oneOf(String field, List<String> allowed) {
    return string(field)
        .map(
            s -> {
              for (String a : allowed) {
                if (a.equalsIgnoreCase(s)) {
                  return a;
                }
              }
              throw invalid(
                  field, "must be one of " + String.join(", ", allowed) + " (got '" + s + "')");
            });
  }

  public Optional<Instant> instant(String field) {
    return string(field)
        .map(
            s -> {
              Instant parsed = Times.parseOrNull(s);
              if (parsed == null) {
                throw invalid(field, "must be an ISO-8601 date-time");
              }
              return Times.millis(parsed);
            });
  }

  public Optional<LocalDate> date(String field) {
    return string(field)
        .map(
            s -> {
              try {
                return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
              } catch (DateTimeParseException e) {
                throw invalid(field, "must be a date (YYYY-MM-DD)");
              }
            });
  }

  @Override
  public String toString() {
    return "Body(" + path + ")" + node;
  }
}
