package dev.herald.rules;

import dev.herald.shared.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Decides a rule tree against a context. Pure: no I/O except the segment lookup it is given, which
 * is asked only when a {@code customer.segment} entry is reached. Entries: {@code {name, property?,
 * conditions{$op:[values]}, rules{nested}, error{message}}}; nested rules of {@code
 * order.items.any|every|none|cheapest|most_expensive} apply to each order item.
 */
final class RuleEvaluator {

  /** Thrown when the rule needs segment membership and no module provides it. */
  static final class SegmentsUnavailable extends RuntimeException {
    SegmentsUnavailable() {
      super("customer.segment needs segment membership, which no module provides yet");
    }
  }

  private static final Set<String> ITEM_SETS =
      Set.of(
          "order.items.any",
          "order.items.every",
          "order.items.none",
          "order.items.cheapest",
          "order.items.most_expensive");

  private final RuleContext context;
  private final Function<String, Set<String>> segmentsOf;

  /** {@code segmentsOf} is null when no segments module is present. */
  RuleEvaluator(RuleContext context, Function<String, Set<String>> segmentsOf) {
    this.context = context;
    this.segmentsOf = segmentsOf;
  }

  /** The first failing entry, as the outcome of one rule set. */
  private record Failure(String name, String message) {}

  RuleResult evaluate(String ruleId, JsonNode rules, String ruleMessage) {
    Failure[] failed = new Failure[1];
    boolean ok = evalSet(rules, null, failed);
    if (ok) {
      return RuleResult.passed(ruleId);
    }
    Failure f = failed[0];
    String message =
        f != null && f.message() != null
            ? f.message()
            : ruleMessage != null
                ? ruleMessage
                : "Validation rule " + (f == null ? "" : f.name() + " ") + "is not met";
    return RuleResult.failed(ruleId, f == null ? null : f.name(), message);
  }

  /** Checks a rule tree's shape; the message says what is wrong. */
  static void check(JsonNode rules) {
    if (rules == null || !rules.isObject()) {
      throw new IllegalArgumentException("rules must be an object");
    }
    Map<String, JsonNode> entries = entries(rules);
    if (!entries.isEmpty() && rules.has("logic")) {
      Logic.parse(rules.get("logic").asString(""), entries.keySet());
    }
    for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
      JsonNode entry = e.getValue();
      if (!entry.isObject() || !entry.path("name").isString()) {
        throw new IllegalArgumentException("rules." + e.getKey() + ".name is required");
      }
      String name = entry.get("name").stringValue();
      if (name.endsWith(".metadata") && !entry.path("property").isString()) {
        throw new IllegalArgumentException(
            "rules." + e.getKey() + " (" + name + ") needs property");
      }
      JsonNode conditions = entry.path("conditions");
      if (!conditions.isMissingNode() && !conditions.isNull()) {
        if (!conditions.isObject()) {
          throw new IllegalArgumentException(
              "rules." + e.getKey() + ".conditions must be an object");
        }
        for (String op : conditions.propertyNames()) {
          if (!Conditions.OPERATORS.contains(op)) {
            throw new IllegalArgumentException(
                "rules." + e.getKey() + " uses unknown operator " + op);
          }
        }
      }
      if (entry.path("rules").isObject()) {
        check(entry.get("rules"));
      }
    }
  }

  private static Map<String, JsonNode> entries(JsonNode rules) {
    Map<String, JsonNode> out = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
    for (String key : rules.propertyNames()) {
      if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
        out.put(key, rules.get(key));
      }
    }
    return out;
  }

  private boolean evalSet(JsonNode rules, JsonNode item, Failure[] failed) {
    if (rules == null || !rules.isObject()) {
      return true;
    }
    Map<String, JsonNode> entries = entries(rules);
    if (entries.isEmpty()) {
      return true;
    }
    Logic.Node logic =
        rules.path("logic").isString() && !rules.get("logic").stringValue().isBlank()
            ? Logic.parse(rules.get("logic").stringValue(), entries.keySet())
            : Logic.allOf(new ArrayList<>(entries.keySet()));
    return Logic.eval(logic, key -> evalEntry(entries.get(key), item, failed));
  }

  private boolean evalEntry(JsonNode entry, JsonNode item, Failure[] failed) {
    boolean ok = decide(entry, item, failed);
    if (!ok && failed[0] == null) {
      JsonNode message = entry.path("error").path("message");
      failed[0] =
          new Failure(
              entry.path("name").asString(""), message.isString() ? message.stringValue() : null);
    }
    return ok;
  }

  private boolean decide(JsonNode entry, JsonNode item, Failure[] failed) {
    String name = entry.path("name").asString("");
    JsonNode nested = entry.path("rules");
    if (ITEM_SETS.contains(name)) {
      return decideItems(name, entry, nested, failed);
    }
    if (item == null && (name.startsWith("product.") || name.startsWith("sku."))) {
      // outside an item rule, a product rule holds when some item of the order satisfies it
      for (JsonNode each : items()) {
        if (decide(entry, each, new Failure[1])) {
          return true;
        }
      }
      return false;
    }
    Resolved value = resolve(name, entry.path("property").asString(null), item);
    JsonNode conditions = entry.path("conditions");
    boolean ok;
    if (!conditions.isObject() || conditions.isEmpty()) {
      ok = name.equals("publication.redeemable_by_linked_customer") ? value.truthy() : true;
    } else {
      ok = true;
      for (String op : conditions.propertyNames()) {
        if (!value.test(op, conditions.get(op), context)) {
          ok = false;
          break;
        }
      }
    }
    return ok && evalSet(nested, item, failed);
  }

  private boolean decideItems(String name, JsonNode entry, JsonNode nested, Failure[] failed) {
    List<JsonNode> items = items();
    switch (name) {
      case "order.items.any":
        return items.stream().anyMatch(i -> evalSet(nested, i, new Failure[1]));
      case "order.items.none":
        return items.stream().noneMatch(i -> evalSet(nested, i, new Failure[1]));
      case "order.items.every":
        return !items.isEmpty() && items.stream().allMatch(i -> evalSet(nested, i, failed));
      default:
        Comparator<JsonNode> byPrice = Comparator.comparingLong(i -> price(i));
        JsonNode chosen =
            items.stream()
                .min(name.endsWith("cheapest") ? byPrice : byPrice.reversed())
                .orElse(null);
        return chosen != null && evalSet(nested, chosen, failed);
    }
  }

  private static JsonNode num(long value) {
    return tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(value);
  }

  private List<JsonNode> items() {
    List<JsonNode> out = new ArrayList<>();
    if (context.order() != null && context.order().path("items").isArray()) {
      context.order().get("items").forEach(out::add);
    }
    return out;
  }

  private static long price(JsonNode item) {
    JsonNode p = item.path("price");
    if (p.isNumber()) {
      return p.longValue();
    }
    return item.path("product").path("price").asLong(0);
  }

  /** A value and how a condition applies to it: as one value, or to any/every element. */
  private record Resolved(JsonNode value, Quantifier quantifier) {

    boolean test(String op, JsonNode expected, RuleContext ctx) {
      if (quantifier == Quantifier.ONE || value == null || !value.isArray()) {
        return Conditions.test(op, value, expected, ctx.now(), ctx.zone());
      }
      List<JsonNode> elements = new ArrayList<>();
      value.forEach(elements::add);
      if (quantifier == Quantifier.ANY) {
        return elements.stream()
            .anyMatch(e -> Conditions.test(op, e, expected, ctx.now(), ctx.zone()));
      }
      return !elements.isEmpty()
          && elements.stream()
              .allMatch(e -> Conditions.test(op, e, expected, ctx.now(), ctx.zone()));
    }

    boolean truthy() {
      return value != null && value.asBoolean(false);
    }
  }

  private enum Quantifier {
    ONE,
    ANY,
    EACH
  }

  private static Resolved one(JsonNode value) {
    return new Resolved(value, Quantifier.ONE);
  }

  private Resolved resolve(String name, String property, JsonNode item) {
    JsonNode customer = context.customer();
    JsonNode order = context.order();
    switch (name) {
      case "customer.segment":
        return one(segments(customer));
      case "customer.metadata":
        return one(customer == null ? null : customer.path("metadata").get(property));
      case "order.amount":
      case "order.initial_amount":
        return one(order == null ? null : order.get(name.substring(6)));
      case "order.total_amount":
        return one(order == null ? null : totalAmount(order));
      case "order.items.count":
        return one(order == null ? null : num(itemCount()));
      case "order.items.price_any":
      case "order.items.price_each":
        return new Resolved(
            itemValues(i -> i.has("price") ? i.get("price") : i.path("product").get("price")),
            name.endsWith("any") ? Quantifier.ANY : Quantifier.EACH);
      case "order.items.metadata_any":
      case "order.items.metadata_each":
        return new Resolved(
            itemValues(i -> i.path("metadata").get(property)),
            name.endsWith("any") ? Quantifier.ANY : Quantifier.EACH);
      case "order.metadata":
        return one(order == null ? null : order.path("metadata").get(property));
      case "custom_event.metadata":
        return one(
            context.customEvent() == null
                ? null
                : context.customEvent().path("metadata").get(property));
      case "redemption.gift.amount":
        return one(redemption().path("gift").get("amount"));
      case "redemption.metadata":
        return one(redemption().path("metadata").get(property));
      case "redemption.api_key":
        return one(redemption().get("api_key"));
      case "redemption.user.login":
        return one(redemption().path("user").get("login"));
      case "publication.redeemable_by_linked_customer":
        return one(redemption().get("holder_is_customer"));
      default:
        break;
    }
    if (item != null && (name.startsWith("product.") || name.startsWith("sku."))) {
      return one(itemField(item, name, property));
    }
    if (name.startsWith("campaign.") || name.startsWith("redemption.")) {
      OptionalLong counter = context.counters().value(name);
      return one(counter.isPresent() ? num(counter.getAsLong()) : null);
    }
    if (name.startsWith("customer.") && customer != null) {
      return one(path(customer, name.substring("customer.".length())));
    }
    if (name.startsWith("order.") && order != null) {
      return one(path(order, name.substring("order.".length())));
    }
    throw new Conditions.RuleException("unknown rule name " + name);
  }

  private JsonNode redemption() {
    return context.redemption() == null ? Json.object() : context.redemption();
  }

  private JsonNode segments(JsonNode customer) {
    if (segmentsOf == null) {
      throw new SegmentsUnavailable();
    }
    if (customer == null || !customer.path("id").isString()) {
      return null;
    }
    ArrayNode out = Json.array();
    segmentsOf.apply(customer.get("id").stringValue()).forEach(out::add);
    return out;
  }

  private static JsonNode totalAmount(JsonNode order) {
    if (order.path("total_amount").isNumber()) {
      return order.get("total_amount");
    }
    if (!order.path("amount").isNumber()) {
      return null;
    }
    long amount = order.get("amount").longValue();
    long discount = order.path("discount_amount").asLong(0);
    return num(amount - discount);
  }

  private long itemCount() {
    long n = 0;
    for (JsonNode i : items()) {
      n += i.path("quantity").isNumber() ? i.get("quantity").longValue() : 1;
    }
    return n;
  }

  private ArrayNode itemValues(Function<JsonNode, JsonNode> field) {
    ArrayNode out = Json.array();
    for (JsonNode i : items()) {
      JsonNode v = field.apply(i);
      if (v != null && !v.isNull()) {
        out.add(v);
      }
    }
    return out;
  }

  private static JsonNode itemField(JsonNode item, String name, String property) {
    boolean product = name.startsWith("product.");
    String field = name.substring(product ? 8 : 4);
    JsonNode nestedObject = item.path(product ? "product" : "sku");
    switch (field) {
      case "id":
        {
          JsonNode id = item.get(product ? "product_id" : "sku_id");
          if (id == null) {
            id = nestedObject.get("id");
          }
          if (id == null
              && (product ? "product" : "sku").equals(item.path("related_object").asString(""))) {
            id = item.get("source_id");
          }
          return id;
        }
      case "price":
        return item.has("price") ? item.get("price") : nestedObject.get("price");
      case "quantity":
        return item.get("quantity");
      case "metadata":
        return nestedObject.path("metadata").has(property)
            ? nestedObject.path("metadata").get(property)
            : item.path("metadata").get(property);
      default:
        return path(nestedObject.isMissingNode() ? item : nestedObject, field);
    }
  }

  private static JsonNode path(JsonNode root, String dotted) {
    JsonNode node = root;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node.isMissingNode() ? null : node;
  }
}
