package dev.herald.loyalty;

import dev.herald.shared.web.Body;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An earning rule's {@code loyalty}: {@code FIXED} points, or {@code PROPORTIONAL} — {@code points}
 * for every {@code every} of the order amount, total amount, an order/customer/custom-event
 * metadata number, or the quantity/amount/subtotal of the order's items of one product or SKU.
 */
final class EarningPoints {

  static final List<String> TIER_EVENTS =
      List.of(
          "customer.loyalty.tier.joined",
          "customer.loyalty.tier.left",
          "customer.loyalty.tier.upgraded",
          "customer.loyalty.tier.downgraded",
          "customer.loyalty.tier.prolonged");

  private static final List<String> ORDER_TYPES =
      List.of(
          "ORDER_AMOUNT",
          "ORDER_TOTAL_AMOUNT",
          "ORDER_METADATA",
          "ORDER_ITEMS_QUANTITY",
          "ORDER_ITEMS_AMOUNT",
          "ORDER_ITEMS_SUBTOTAL_AMOUNT");
  private static final List<String> TYPES =
      List.of(
          "ORDER_AMOUNT",
          "ORDER_TOTAL_AMOUNT",
          "ORDER_METADATA",
          "ORDER_ITEMS_QUANTITY",
          "ORDER_ITEMS_AMOUNT",
          "ORDER_ITEMS_SUBTOTAL_AMOUNT",
          "CUSTOMER_METADATA",
          "CUSTOM_EVENT_METADATA");

  private EarningPoints() {}

  /** Checks {@code loyalty} for a rule on {@code event}; 400 naming the bad field. */
  static ObjectNode read(Body body, String event) {
    Body loyalty = body.object("loyalty").orElseThrow(() -> body.invalid("loyalty", "is required"));
    String type =
        loyalty
            .oneOf("type", List.of("FIXED", "PROPORTIONAL"))
            .orElseThrow(() -> loyalty.invalid("type", "is required (FIXED or PROPORTIONAL)"));
    if (type.equals("FIXED")) {
      long points =
          loyalty.integer("points").orElseThrow(() -> loyalty.invalid("points", "is required"));
      if (points < 1) {
        throw loyalty.invalid("points", "must be at least 1");
      }
      return loyalty.node().deepCopy();
    }
    String calc = loyalty.oneOf("calculation_type", TYPES).orElse("ORDER_AMOUNT");
    boolean orderEvent = event.equals(EarningRule.ORDER_PAID);
    boolean customEvent = isCustomEvent(event);
    if (ORDER_TYPES.contains(calc) && !orderEvent) {
      throw loyalty.invalid("calculation_type", calc + " needs event order.paid");
    }
    if (calc.equals("CUSTOM_EVENT_METADATA") && !customEvent) {
      throw loyalty.invalid("calculation_type", calc + " needs a custom event");
    }
    Body ratio = ratio(loyalty, calc);
    long every = ratio.integer("every").orElseThrow(() -> ratio.invalid("every", "is required"));
    long points = ratio.integer("points").orElseThrow(() -> ratio.invalid("points", "is required"));
    if (every < 1) {
      throw ratio.invalid("every", "must be at least 1");
    }
    if (points < 1) {
      throw ratio.invalid("points", "must be at least 1");
    }
    if (calc.endsWith("_METADATA")) {
      ratio.requiredString("property");
    }
    if (calc.startsWith("ORDER_ITEMS_")) {
      ratio
          .oneOf("object", List.of("product", "sku"))
          .orElseThrow(() -> ratio.invalid("object", "is required (product or sku)"));
      ratio.requiredString("id");
    }
    ObjectNode out = loyalty.node().deepCopy();
    out.put("calculation_type", calc);
    return out;
  }

  static boolean isCustomEvent(String event) {
    return !event.equals(EarningRule.ORDER_PAID)
        && !event.equals(EarningRule.SEGMENT_ENTERED)
        && !TIER_EVENTS.contains(event);
  }

  private static Body ratio(Body loyalty, String calc) {
    String[] path = path(calc);
    Body outer = loyalty.object(path[0]).orElseThrow(() -> loyalty.invalid(path[0], "is required"));
    return outer.object(path[1]).orElseThrow(() -> outer.invalid(path[1], "is required"));
  }

  private static String[] path(String calc) {
    switch (calc) {
      case "ORDER_TOTAL_AMOUNT":
        return new String[] {"order", "total_amount"};
      case "ORDER_METADATA":
        return new String[] {"order", "metadata"};
      case "ORDER_ITEMS_QUANTITY":
        return new String[] {"order_items", "quantity"};
      case "ORDER_ITEMS_AMOUNT":
        return new String[] {"order_items", "amount"};
      case "ORDER_ITEMS_SUBTOTAL_AMOUNT":
        return new String[] {"order_items", "subtotal_amount"};
      case "CUSTOMER_METADATA":
        return new String[] {"customer", "metadata"};
      case "CUSTOM_EVENT_METADATA":
        return new String[] {"custom_event", "metadata"};
      default:
        return new String[] {"order", "amount"};
    }
  }

  /**
   * The points a rule gives for an event with this {@code order}, {@code customer} and custom event
   * {@code metadata} (any may be missing: a proportional rule then gives 0).
   */
  static long of(ObjectNode loyalty, JsonNode order, JsonNode customer, JsonNode eventMetadata) {
    if ("FIXED".equals(loyalty.path("type").asString())) {
      return loyalty.path("points").asLong(0);
    }
    String calc = loyalty.path("calculation_type").asString("ORDER_AMOUNT");
    String[] path = path(calc);
    JsonNode ratio = loyalty.path(path[0]).path(path[1]);
    long every = ratio.path("every").asLong(1);
    long points = ratio.path("points").asLong(0);
    Optional<Double> value = value(calc, ratio, order, customer, eventMetadata);
    if (value.isEmpty() || every < 1) {
      return 0;
    }
    return (long) Math.floor(value.get() / every) * points;
  }

  private static Optional<Double> value(
      String calc, JsonNode ratio, JsonNode order, JsonNode customer, JsonNode eventMetadata) {
    String property = ratio.path("property").asString("");
    switch (calc) {
      case "ORDER_AMOUNT":
        return number(order == null ? null : order.path("amount"));
      case "ORDER_TOTAL_AMOUNT":
        return number(order == null ? null : order.path("total_amount"));
      case "ORDER_METADATA":
        return number(order == null ? null : order.path("metadata").path(property));
      case "CUSTOMER_METADATA":
        return number(customer == null ? null : customer.path("metadata").path(property));
      case "CUSTOM_EVENT_METADATA":
        return number(eventMetadata == null ? null : eventMetadata.path(property));
      default:
        return items(calc, ratio, order);
    }
  }

  private static Optional<Double> items(String calc, JsonNode ratio, JsonNode order) {
    if (order == null) {
      return Optional.empty();
    }
    String object = ratio.path("object").asString();
    String id = ratio.path("id").asString();
    double sum = 0;
    for (JsonNode item : order.path("items")) {
      if (!matches(item, object, id)) {
        continue;
      }
      long quantity = item.path("quantity").asLong(1);
      long amount = item.path("amount").asLong(item.path("price").asLong(0) * quantity);
      switch (calc) {
        case "ORDER_ITEMS_QUANTITY" -> sum += quantity;
        case "ORDER_ITEMS_AMOUNT" -> sum += amount;
        default -> sum += amount - item.path("discount_amount").asLong(0);
      }
    }
    return Optional.of(sum);
  }

  private static boolean matches(JsonNode item, String object, String id) {
    if (object.equals("sku")) {
      return id.equals(item.path("sku_id").asString(null))
          || id.equals(item.path("sku").path("id").asString(null))
          || id.equals(item.path("sku").path("source_id").asString(null))
          || ("sku".equals(item.path("related_object").asString(null))
              && id.equals(item.path("source_id").asString(null)));
    }
    return id.equals(item.path("product_id").asString(null))
        || id.equals(item.path("product").path("id").asString(null))
        || id.equals(item.path("product").path("source_id").asString(null))
        || ("product".equals(item.path("related_object").asString(null))
            && id.equals(item.path("source_id").asString(null)));
  }

  private static Optional<Double> number(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      return Optional.of(n.asDouble());
    }
    if (n.isString()) {
      try {
        return Optional.of(Double.parseDouble(n.asString()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
