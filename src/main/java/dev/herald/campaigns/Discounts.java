package dev.herald.campaigns;

import dev.herald.shared.web.Body;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discount objects and what they take off an order. Amounts are cents. {@code AMOUNT} takes {@code
 * amount_off}; {@code PERCENT} takes {@code percent_off} % (rounded half-up to a cent), at most
 * {@code amount_limit}; {@code FIXED} makes the order cost {@code fixed_amount}; {@code UNIT} takes
 * {@code unit_off} units of the item {@code unit_type} at the order item's price. A discount never
 * exceeds what is left to pay.
 */
final class Discounts {

  static final List<String> TYPES = List.of("AMOUNT", "PERCENT", "FIXED", "UNIT");
  static final List<String> EFFECTS =
      List.of(
          "APPLY_TO_ORDER",
          "APPLY_TO_ITEMS",
          "APPLY_TO_ITEMS_PROPORTIONALLY",
          "APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY",
          "APPLY_TO_ITEMS_BY_QUANTITY",
          "ADD_MISSING_ITEMS",
          "ADD_NEW_ITEMS",
          "ADD_MANY_ITEMS");

  private Discounts() {}

  /** Checks a discount object; the error names the field. */
  static ObjectNode read(Body d) {
    String type = d.oneOf("type", TYPES).orElseThrow(() -> d.invalid("type", "is required"));
    switch (type) {
      case "AMOUNT" -> nonNegative(d, "amount_off", true);
      case "PERCENT" -> {
        double p =
            d.number("percent_off").orElseThrow(() -> d.invalid("percent_off", "is required"));
        if (p < 0 || p > 100) {
          throw d.invalid("percent_off", "must be between 0 and 100");
        }
        nonNegative(d, "amount_limit", false);
      }
      case "FIXED" -> nonNegative(d, "fixed_amount", true);
      default -> {
        nonNegative(d, "unit_off", true);
        d.requiredString("unit_type");
      }
    }
    d.oneOf("effect", EFFECTS);
    ObjectNode out = d.node().deepCopy();
    out.put("type", type);
    return out;
  }

  private static void nonNegative(Body d, String field, boolean required) {
    var v = d.number(field);
    if (required && v.isEmpty()) {
      throw d.invalid(field, "is required");
    }
    if (v.isPresent() && v.get() < 0) {
      throw d.invalid(field, "must not be negative");
    }
  }

  /** The discount on {@code remaining} cents still to pay for an order with {@code items}. */
  static long amount(JsonNode discount, long remaining, JsonNode items) {
    if (discount == null || !discount.isObject() || remaining <= 0) {
      return 0;
    }
    long value;
    switch (discount.path("type").asString("")) {
      case "AMOUNT" -> value = discount.path("amount_off").asLong(0);
      case "PERCENT" -> {
        BigDecimal percent = discount.path("percent_off").decimalValue();
        value =
            BigDecimal.valueOf(remaining)
                .multiply(percent)
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
                .longValue();
        if (discount.path("amount_limit").isNumber()) {
          value = Math.min(value, discount.get("amount_limit").asLong());
        }
      }
      case "FIXED" -> value = remaining - discount.path("fixed_amount").asLong(0);
      case "UNIT" -> value = unitDiscount(discount, items);
      default -> value = 0;
    }
    return Math.max(0, Math.min(value, remaining));
  }

  private static long unitDiscount(JsonNode discount, JsonNode items) {
    String unitType = discount.path("unit_type").asString("");
    long units = discount.path("unit_off").asLong(0);
    if (items == null || !items.isArray()) {
      return 0;
    }
    for (JsonNode item : items) {
      String productId =
          item.path("product_id").asString(item.path("product").path("id").asString(""));
      String skuId = item.path("sku_id").asString(item.path("sku").path("id").asString(""));
      String sourceId = item.path("source_id").asString("");
      if (unitType.equals(productId) || unitType.equals(skuId) || unitType.equals(sourceId)) {
        long price = item.path("price").asLong(item.path("product").path("price").asLong(0));
        long quantity = item.path("quantity").asLong(1);
        boolean adds = discount.path("effect").asString("").startsWith("ADD_");
        return price * (adds ? units : Math.min(units, quantity));
      }
    }
    return 0;
  }
}
