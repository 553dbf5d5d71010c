package dev.herald.orders;

import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields a request sets on an order, validated: item amounts equal price × quantity, the order
 * amount equals the sum of its items when both are given, and a discount never exceeds the amount.
 * Absent optionals mean "leave as is".
 */
public record OrderInput(
    Optional<String> id,
    Optional<String> sourceId,
    Optional<String> status,
    Optional<Long> amount,
    Optional<Long> initialAmount,
    Optional<Long> discountAmount,
    Optional<ArrayNode> items,
    Optional<ObjectNode> metadata,
    Optional<Body> customer,
    Optional<String> customerId,
    Optional<Body> referrer,
    Optional<String> referrerId) {

  public static final List<String> STATUSES = List.of("CREATED", "PAID", "CANCELED", "FULFILLED");

  public static OrderInput from(Body body) {
    Optional<ArrayNode> items = body.objects("items").map(list -> items(body, list));
    Optional<Long> amount = nonNegative(body, "amount");
    if (items.isPresent() && items.get().size() > 500) {
      throw body.invalid("items", "may hold at most 500 items");
    }
    if (amount.isEmpty() && items.isPresent() && !items.get().isEmpty()) {
      amount = Optional.of(sum(items.get()));
    } else if (amount.isPresent() && items.isPresent() && allPriced(items.get())) {
      long total = sum(items.get());
      if (total != amount.get()) {
        throw body.invalid(
            "amount",
            "(" + amount.get() + ") differs from the sum of item amounts (" + total + ")");
      }
    }
    Optional<Long> discount = nonNegative(body, "discount_amount");
    if (discount.isPresent() && amount.isPresent() && discount.get() > amount.get()) {
      throw body.invalid("discount_amount", "exceeds the order amount");
    }
    Optional<Body> customer = Optional.empty();
    Optional<String> customerId = body.string("customer_id");
    if (body.has("customer") && body.raw("customer").map(n -> n.isString()).orElse(false)) {
      customerId = body.string("customer");
    } else {
      customer = body.object("customer");
    }
    Optional<Body> referrer = Optional.empty();
    Optional<String> referrerId = body.string("referrer_id");
    if (body.has("referrer") && body.raw("referrer").map(n -> n.isString()).orElse(false)) {
      referrerId = body.string("referrer");
    } else {
      referrer = body.object("referrer");
    }
    return new OrderInput(
        body.string("id"),
        body.string("source_id"),
        body.oneOf("status", STATUSES),
        amount,
        nonNegative(body, "initial_amount"),
        discount,
        items,
        body.metadata("metadata").map(ObjectNode::deepCopy),
        customer,
        customerId,
        referrer,
        referrerId);
  }

  /** The same input with the discount a redemption computed. */
  public OrderInput withDiscount(long discount, String newStatus) {
    return new OrderInput(
        id,
        sourceId,
        status.isPresent() ? status : Optional.ofNullable(newStatus),
        amount,
        initialAmount,
        Optional.of(discount),
        items,
        metadata,
        customer,
        customerId,
        referrer,
        referrerId);
  }

  /** The same input for customer {@code id} when it names no customer of its own. */
  public OrderInput withCustomer(String id) {
    if (id == null || customer.isPresent() || customerId.isPresent()) {
      return this;
    }
    return new OrderInput(
        this.id,
        sourceId,
        status,
        amount,
        initialAmount,
        discountAmount,
        items,
        metadata,
        customer,
        Optional.of(id),
        referrer,
        referrerId);
  }

  private static Optional<Long> nonNegative(Body body, String field) {
    Optional<Long> value = body.integer(field);
    if (value.isPresent() && value.get() < 0) {
      throw body.invalid(field, "must not be negative");
    }
    return value;
  }

  private static boolean allPriced(ArrayNode items) {
    for (var item : items) {
      if (!item.path("amount").isNumber()) {
        return false;
      }
    }
    return !items.isEmpty();
  }

  private static long sum(ArrayNode items) {
    long total = 0;
    for (var item : items) {
      total += item.path("amount").asLong(0);
    }
    return total;
  }

  private static ArrayNode items(Body order, List<Body> list) {
    ArrayNode out = Json.array();
    for (Body item : list) {
      ObjectNode copy = item.node().deepCopy();
      Optional<Long> quantity = nonNegative(item, "quantity");
      Optional<Long> price = nonNegative(item, "price");
      Optional<Long> amount = nonNegative(item, "amount");
      nonNegative(item, "discount_amount");
      item.string("sku_id");
      item.string("product_id");
      item.oneOf("related_object", List.of("product", "sku"));
      item.object("product");
      item.object("sku");
      item.metadata("metadata");
      if (price.isPresent() && amount.isPresent()) {
        long expected = price.get() * quantity.orElse(1L);
        if (expected != amount.get()) {
          throw item.invalid(
              "amount", "(" + amount.get() + ") differs from price × quantity (" + expected + ")");
        }
      } else if (price.isPresent()) {
        copy.put("amount", price.get() * quantity.orElse(1L));
      }
      out.add(copy);
    }
    return out;
  }
}
