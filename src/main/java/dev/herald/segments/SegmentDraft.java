package dev.herald.segments;

import dev.herald.shared.web.Body;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code POST /v1/segments} body: {@code {name, type: "static", customers: [id or source_id]}} or
 * {@code {name, type: "auto-update"|"passive", filter: {...}}}. The filter's fields and values are
 * checked when the segment is created.
 */
public record SegmentDraft(
    String name, SegmentType type, ObjectNode filter, List<String> customers) {

  static final int MAX_NAME = 200;

  public static SegmentDraft from(Body body) {
    String name = body.requiredString("name");
    if (name.length() > MAX_NAME) {
      throw body.invalid("name", "must be at most " + MAX_NAME + " characters");
    }
    String typeName =
        body.string("type")
            .orElseThrow(() -> body.invalid("type", "is required (static, auto-update, passive)"));
    SegmentType type =
        SegmentType.fromWire(typeName)
            .orElseThrow(
                () ->
                    body.invalid(
                        "type", "must be static, auto-update or passive (got '" + typeName + "')"));
    return type == SegmentType.STATIC
        ? new SegmentDraft(name, type, null, customers(body))
        : new SegmentDraft(name, type, filter(body, typeName), null);
  }

  private static List<String> customers(Body body) {
    if (body.raw("filter").isPresent()) {
      throw body.invalid("filter", "is not allowed on a static segment (give customers)");
    }
    List<String> customers =
        body.strings("customers")
            .orElseThrow(() -> body.invalid("customers", "is required for a static segment"));
    if (customers.isEmpty()) {
      throw body.invalid("customers", "must name at least one customer");
    }
    if (customers.size() > Segments.MAX_STATIC_CUSTOMERS) {
      throw body.invalid(
          "customers",
          "may hold at most "
              + Segments.MAX_STATIC_CUSTOMERS
              + " customers (got "
              + customers.size()
              + "); use a filter segment for more");
    }
    for (int i = 0; i < customers.size(); i++) {
      if (customers.get(i).isBlank()) {
        throw body.invalid("customers[" + i + "]", "must not be blank");
      }
    }
    return List.copyOf(customers);
  }

  private static ObjectNode filter(Body body, String typeName) {
    if (body.raw("customers").isPresent()) {
      throw body.invalid("customers", "is only for static segments (give a filter)");
    }
    return body.metadata("filter")
        .orElseThrow(() -> body.invalid("filter", "is required for a " + typeName + " segment"))
        .deepCopy();
  }
}
