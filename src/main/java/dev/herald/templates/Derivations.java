package dev.herald.templates;

import dev.herald.shared.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Variables that are not a plain path into the snapshot: links Herald signs, the brand, and
 * friendly views over Voucherify's event shapes ({@code gift.amount} is the {@code balance.amount}
 * of a gift-credits event, {@code loyalty.tier} the tier reached, ...). Each reads the snapshot
 * first, so an event that already carries the value wins.
 */
final class Derivations {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Map<String, Function<Resolver, JsonNode>> BY_PATH = new HashMap<>();

  static {
    on("unsubscribe_url", r -> text(r.unsubscribeUrl()));
    on("customer.assets.cockpit_url", r -> text(r.cockpitUrl()));
    on("voucher.code", r -> text(r.code()));
    on("qr_code", r -> text(r.codeImageUrl(PublicLinks.Kind.QR)));
    on("barcode", r -> text(r.codeImageUrl(PublicLinks.Kind.BARCODE)));
    on(
        "voucher.assets.qr.url",
        r -> first(r.at("voucher.assets.qr.url"), text(r.codeImageUrl(PublicLinks.Kind.QR))));
    on(
        "voucher.assets.barcode.url",
        r ->
            first(
                r.at("voucher.assets.barcode.url"),
                text(r.codeImageUrl(PublicLinks.Kind.BARCODE))));
    on("voucher.value", r -> first(r.at("voucher.value"), text(value(r.at("voucher")))));
    on("brand.address", r -> text(address(r.brand().path("address"))));
    for (String field :
        new String[] {
          "name", "email", "phone", "website", "logo_url", "privacy_url", "terms_url"
        }) {
      on("brand." + field, r -> r.brand().get(field));
    }
    on("distribution.name", r -> first(r.at("distribution.name"), r.at("distribution.id")));
    on(
        "gift.amount",
        r ->
            first(
                r.at("gift.amount"),
                typed(r, "gift_voucher", "balance.amount"),
                r.at("transaction.amount"),
                r.at("transaction.details.balance.amount")));
    on(
        "gift.balance",
        r ->
            first(
                r.at("gift.balance"),
                typed(r, "gift_voucher", "balance.balance"),
                r.at("voucher.gift.balance")));
    on(
        "loyalty.points",
        r ->
            first(
                r.at("loyalty.points"),
                r.at("balance.points"),
                typed(r, "loyalty_card", "balance.amount"),
                points(r.at("points")),
                r.at("transaction.details.balance.points")));
    on(
        "loyalty.balance",
        r ->
            first(
                r.at("loyalty.balance"),
                typed(r, "loyalty_card", "balance.balance"),
                r.at("voucher.loyalty_card.balance"),
                r.at("voucher.loyalty_card.points"),
                r.at("customer.loyalty.points")));
    on(
        "loyalty.tier",
        r ->
            first(
                r.at("loyalty.tier"),
                r.at("loyalty_tier_to.name"),
                r.at("loyalty_tier.name"),
                r.at("loyalty_tier.id")));
    on(
        "loyalty.previous_tier",
        r -> first(r.at("loyalty.previous_tier"), r.at("loyalty_tier_from.name")));
    on(
        "reward.points",
        r ->
            first(
                r.at("reward.points"),
                r.at("reward_assignment.parameters.loyalty.points"),
                r.at("reward.parameters.loyalty.points")));
    on(
        "referral.code",
        r ->
            first(
                r.at("referral.code"),
                r.at("voucher.is_referral_code").asBoolean(false) ? r.at("voucher.code") : null));
    on(
        "referral.reward",
        r ->
            first(
                textual(r.at("referral.reward")),
                text(reward(r.at("campaign.referral_program.referee_reward")))));
  }

  private Derivations() {}

  private static void on(String path, Function<Resolver, JsonNode> f) {
    BY_PATH.put(path, f);
  }

  static Function<Resolver, JsonNode> of(String path) {
    return BY_PATH.get(path);
  }

  private static JsonNode typed(Resolver r, String type, String path) {
    String actual = r.at("balance.type").asString("");
    return actual.isEmpty() || actual.equalsIgnoreCase(type) ? r.at(path) : null;
  }

  private static JsonNode points(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isObject()) {
      return first(node.get("points"), node.get("total"), node.get("amount"));
    }
    return node;
  }

  private static JsonNode textual(JsonNode node) {
    return node != null && (node.isString() || node.isNumber()) ? node : null;
  }

  static JsonNode first(JsonNode... candidates) {
    for (JsonNode c : candidates) {
      if (c != null
          && !c.isMissingNode()
          && !c.isNull()
          && !(c.isString() && c.stringValue().isEmpty())) {
        return c;
      }
    }
    return null;
  }

  private static JsonNode text(String s) {
    return s == null ? null : F.stringNode(s);
  }

  /** The value of a voucher in words: 10%, 5.00, 25.00 left, 120 points. */
  static String value(JsonNode voucher) {
    if (voucher == null || !voucher.isObject()) {
      return null;
    }
    JsonNode d = voucher.path("discount");
    if (d.isObject()) {
      String type = d.path("type").asString("");
      switch (type) {
        case "PERCENT":
          return plain(d.path("percent_off")) + "%";
        case "AMOUNT":
          return money(d.path("amount_off"));
        case "FIXED":
          return money(d.path("fixed_amount"));
        case "UNIT":
          String unit = d.path("unit_type").asString("");
          return plain(d.path("unit_off")) + (unit.isEmpty() ? " item(s)" : " × " + unit);
        default:
          break;
      }
    }
    JsonNode gift = voucher.path("gift");
    if (gift.isObject()) {
      return money(gift.has("balance") ? gift.get("balance") : gift.path("amount"));
    }
    JsonNode card = voucher.path("loyalty_card");
    if (card.isObject()) {
      return plain(card.has("balance") ? card.get("balance") : card.path("points")) + " points";
    }
    return null;
  }

  private static String reward(JsonNode reward) {
    if (reward == null || !reward.isObject()) {
      return null;
    }
    String type = reward.path("type").asString("");
    if (type.equals("LOYALTY_CARD")) {
      return plain(reward.path("amount")) + " points";
    }
    return money(reward.path("amount"));
  }

  static String address(JsonNode address) {
    if (address == null || !address.isObject()) {
      return null;
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    String city =
        (address.path("postal_code").asString("").trim()
                + " "
                + address.path("city").asString("").trim())
            .trim();
    for (String part :
        new String[] {
          address.path("line_1").asString("").trim(),
          address.path("line_2").asString("").trim(),
          city,
          address.path("state").asString("").trim(),
          address.path("country").asString("").trim()
        }) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** Cents as a decimal amount with two places and thousands separators: 123456 → 1,234.56. */
  static String money(JsonNode cents) {
    if (cents == null || !cents.isNumber()) {
      return cents == null || cents.isMissingNode() || cents.isNull() ? null : cents.asString();
    }
    BigDecimal amount = cents.decimalValue().movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
    return String.format(java.util.Locale.ROOT, "%,.2f", amount);
  }

  static String plain(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    if (n.isNumber()) {
      return n.decimalValue().stripTrailingZeros().toPlainString();
    }
    return n.isString() ? n.stringValue() : Json.write(n);
  }
}
