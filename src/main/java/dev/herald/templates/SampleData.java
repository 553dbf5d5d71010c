package dev.herald.templates;

import dev.herald.shared.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * A realistic variable snapshot per trigger, in Voucherify's event {@code data} shapes: what a
 * preview without a customer renders, and what tests render every catalog variable against.
 */
final class SampleData {

  private SampleData() {}

  static ObjectNode forTrigger(String trigger) {
    String t = trigger == null ? "manual" : trigger;
    ObjectNode d = Json.object();
    d.set("customer", customer());
    d.set(
        "distribution",
        Json.object()
            .put("id", "distr_sample")
            .put("object", "distribution")
            .put("name", "Sample distribution"));
    if (t.equals("manual")
        || t.equals("customer.custom_event")
        || t.startsWith("customer.order.")
        || t.startsWith("customer.segment.")) {
      d.set("voucher", discountVoucher());
      d.set("campaign", campaign("Summer sale"));
      d.set("promotion_tier", promotionTier());
      d.set("publication", Json.object().put("id", "pub_sample").put("object", "publication"));
    }
    if (t.equals("customer.custom_event")) {
      customEvent(d);
    }
    if (t.startsWith("customer.order.")
        || t.startsWith("customer.redemption.")
        || t.equals("customer.rewarded.loyalty_points")) {
      d.set("order", order(t.substring(t.lastIndexOf('.') + 1)));
    }
    if (t.startsWith("customer.segment.")) {
      d.set(
          "segment",
          Json.object()
              .put("id", "seg_sample")
              .put("name", "VIP customers")
              .put("object", "segment"));
    }
    switch (t) {
      case "customer.publication.succeeded" -> publication(d);
      case "customer.voucher.gift.balance_added" -> giftCredits(d);
      case "customer.voucher.loyalty_card.points_added" -> pointsAdded(d);
      case "customer.voucher.loyalty_card.points_expired" -> pointsExpired(d);
      case "customer.redemption.succeeded", "customer.redemption.rollback.succeeded" ->
          redemption(d);
      case "customer.rewarded.loyalty_points" -> rewardedPoints(d);
      case "customer.rewarded" -> rewarded(d);
      case "customer.referred" -> referred(d);
      default -> tiers(d, t);
    }
    return d;
  }

  private static void customEvent(ObjectNode d) {
    ObjectNode event =
        Json.object().put("id", "evcus_sample").put("object", "event").put("type", "signed_up");
    event.set("metadata", Json.object().put("plan", "gold").put("seats", 3));
    d.set("event", event);
    d.set("event_schema", Json.object().put("id", "ms_sample").put("name", "signed_up"));
    d.set(
        "referral",
        Json.object()
            .put("code", "REF-ALICE")
            .put("referrer_id", "cust_referrer")
            .put("reward", "10.00"));
    d.set("loyalty", Json.object().put("points", 120).put("balance", 450));
  }

  private static void publication(ObjectNode d) {
    d.set("voucher", discountVoucher());
    d.set("campaign", campaign("Welcome codes"));
    d.set("publication", Json.object().put("id", "pub_sample").put("object", "publication"));
  }

  private static void giftCredits(ObjectNode d) {
    d.set("voucher", giftVoucher());
    d.set("campaign", campaign("Gift cards"));
    d.set(
        "balance",
        Json.object()
            .put("amount", 2500)
            .put("total", 7500)
            .put("balance", 7500)
            .put("type", "gift_voucher")
            .put("object", "balance"));
    d.set(
        "transaction",
        Json.object().put("id", "vtx_sample").put("type", "CREDITS_ADDITION").put("amount", 2500));
  }

  private static void pointsAdded(ObjectNode d) {
    d.set("voucher", loyaltyCard());
    d.set("campaign", campaign("Loyalty club"));
    d.set(
        "balance",
        Json.object()
            .put("points", 120)
            .put("total", 570)
            .put("balance", 450)
            .put("type", "loyalty_card")
            .put("object", "balance"));
    d.set("transaction", Json.object().put("id", "vtx_sample").put("type", "POINTS_ADDITION"));
  }

  private static void pointsExpired(ObjectNode d) {
    d.set("voucher", loyaltyCard());
    d.set("campaign", campaign("Loyalty club"));
    d.put("points", 50);
    d.set("buckets", Json.array());
    d.set("transaction", Json.object().put("id", "vtx_sample").put("type", "POINTS_EXPIRATION"));
  }

  private static void redemption(ObjectNode d) {
    d.set("voucher", discountVoucher());
    d.set("campaign", campaign("Summer sale"));
    d.set("promotion_tier", promotionTier());
    d.set(
        "redemption",
        Json.object().put("id", "r_sample").put("object", "redemption").put("result", "SUCCESS"));
  }

  private static void rewardedPoints(ObjectNode d) {
    d.set("voucher", loyaltyCard());
    d.set("campaign", campaign("Loyalty club"));
    d.set(
        "balance",
        Json.object()
            .put("points", 120)
            .put("balance", 450)
            .put("type", "loyalty_card")
            .put("object", "balance"));
    d.set(
        "loyalty_tier",
        Json.object().put("id", "ltr_gold").put("name", "Gold").put("object", "loyalty_tier"));
  }

  private static void rewarded(ObjectNode d) {
    d.set("voucher", loyaltyCard());
    d.set("campaign", campaign("Loyalty club"));
    d.set(
        "reward",
        Json.object()
            .put("id", "rew_sample")
            .put("name", "Free coffee")
            .put("type", "MATERIAL")
            .put("object", "reward"));
    ObjectNode assignment =
        Json.object().put("id", "rewa_sample").put("object", "reward_assignment");
    assignment.set("parameters", Json.object().set("loyalty", Json.object().put("points", 200)));
    d.set("reward_assignment", assignment);
    d.set(
        "balance",
        Json.object()
            .put("points", -200)
            .put("balance", 250)
            .put("type", "loyalty_card")
            .put("object", "balance"));
  }

  private static void referred(ObjectNode d) {
    ObjectNode voucher = discountVoucher();
    voucher.put("code", "REF-ALICE");
    voucher.put("is_referral_code", true);
    d.set("voucher", voucher);
    ObjectNode campaign = campaign("Refer a friend");
    ObjectNode program = Json.object();
    program.set("referee_reward", Json.object().put("type", "GIFT_VOUCHER").put("amount", 1000));
    campaign.set("referral_program", program);
    d.set("campaign", campaign);
    d.set("referral", Json.object().put("code", "REF-ALICE").put("referrer_id", "cust_referrer"));
    d.set(
        "referrer",
        Json.object()
            .put("id", "cust_referrer")
            .put("name", "Bob Referrer")
            .put("object", "customer"));
  }

  private static void tiers(ObjectNode d, String t) {
    if (t.startsWith("customer.loyalty.tier.")) {
      d.set("campaign", campaign("Loyalty club"));
      boolean move = t.endsWith("upgraded") || t.endsWith("downgraded");
      ObjectNode gold =
          Json.object().put("id", "ltr_gold").put("name", "Gold").put("object", "loyalty_tier");
      ObjectNode silver =
          Json.object().put("id", "ltr_silver").put("name", "Silver").put("object", "loyalty_tier");
      if (move) {
        d.set("loyalty_tier_from", t.endsWith("upgraded") ? silver : gold);
        d.set("loyalty_tier_to", t.endsWith("upgraded") ? gold : silver);
      } else {
        d.set("loyalty_tier", gold);
      }
      d.put("created_at", "2026-11-02T10:00:00.000Z");
    }
  }

  static ObjectNode customer() {
    ObjectNode c =
        Json.object()
            .put("id", "cust_sample")
            .put("source_id", "alice")
            .put("name", "Alice Example")
            .put("email", "alice@example.com")
            .put("phone", "+14155550100")
            .put("object", "customer");
    c.set("metadata", Json.object().put("tier", "gold").put("city", "Lisbon"));
    ObjectNode loyalty = Json.object().put("points", 450).put("referred_customers", 0);
    loyalty.set("campaigns", Json.object());
    c.set("loyalty", loyalty);
    return c;
  }

  static ObjectNode campaign(String name) {
    return Json.object().put("id", "camp_sample").put("name", name).put("object", "campaign");
  }

  static ObjectNode promotionTier() {
    return Json.object()
        .put("id", "promo_sample")
        .put("name", "10% off over 50")
        .put("banner", "Get 10% off orders over 50!")
        .put("object", "promotion_tier");
  }

  static ObjectNode order(String status) {
    ObjectNode o =
        Json.object()
            .put("id", "ord_sample")
            .put("source_id", "order-1001")
            .put("status", status.toUpperCase(java.util.Locale.ROOT))
            .put("amount", 12999)
            .put("discount_amount", 1300)
            .put("total_amount", 11699)
            .put("object", "order");
    o.set("metadata", Json.object().put("channel", "web"));
    return o;
  }

  static ObjectNode discountVoucher() {
    ObjectNode v = voucher("SUMMER-7Q2X", "DISCOUNT_VOUCHER", "Summer sale");
    v.set(
        "discount",
        Json.object()
            .put("type", "PERCENT")
            .put("percent_off", 10)
            .put("effect", "APPLY_TO_ORDER"));
    return v;
  }

  static ObjectNode giftVoucher() {
    ObjectNode v = voucher("GIFT-9KD3", "GIFT_VOUCHER", "Gift cards");
    v.set(
        "gift",
        Json.object().put("amount", 10000).put("balance", 7500).put("effect", "APPLY_TO_ORDER"));
    return v;
  }

  static ObjectNode loyaltyCard() {
    ObjectNode v = voucher("LOYAL-4F7H", "LOYALTY_CARD", "Loyalty club");
    v.set("loyalty_card", Json.object().put("points", 570).put("balance", 450));
    return v;
  }

  private static ObjectNode voucher(String code, String type, String campaign) {
    ObjectNode v =
        Json.object()
            .put("id", "v_sample")
            .put("code", code)
            .put("object", "voucher")
            .put("type", type)
            .put("campaign", campaign)
            .put("campaign_id", "camp_sample")
            .put("start_date", "2026-11-01T00:00:00.000Z")
            .put("expiration_date", "2026-12-31T23:59:59.000Z")
            .put("active", true);
    v.set("metadata", Json.object().put("source", "sample"));
    return v;
  }
}
