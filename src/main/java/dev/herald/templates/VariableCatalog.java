package dev.herald.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of template variables per trigger (keyed by the event type names of the trigger
 * catalog, plus {@code manual}): which groups of variables each trigger's messages can use, and the
 * top-level keys of its event data (what a webhook payload design may reference). The groups follow
 * the {@code data} keys Voucherify sends for each event (reference §3.5); the variables of a group
 * are read from the message's variable snapshot, or derived from it (see {@link Derivations}).
 */
final class VariableCatalog {

  static final Map<String, List<Variable>> GROUPS = new LinkedHashMap<>();
  private static final Map<String, List<String>> TRIGGER_GROUPS = new LinkedHashMap<>();
  private static final Map<String, List<String>> TRIGGER_ROOTS = new LinkedHashMap<>();
  private static final List<String> BASE = List.of("customer", "links", "brand", "distribution");

  static {
    group(
        "customer",
        v("customer.id", "Customer ID", "text"),
        v("customer.source_id", "Customer source ID", "text"),
        v("customer.name", "Customer name", "text"),
        v("customer.email", "Customer email", "email"),
        v("customer.phone", "Customer phone", "phone"),
        v("customer.metadata.*", "Customer metadata field", "text"),
        v("customer.assets.cockpit_url", "Customer cockpit link", "url"));
    group(
        "links",
        v("unsubscribe_url", "Unsubscribe link", "url"),
        v("brand_footer", "Brand footer (custom HTML)", "html"));
    group(
        "brand",
        v("brand.name", "Company name", "text"),
        v("brand.address", "Company postal address", "text"),
        v("brand.email", "Company email", "email"),
        v("brand.phone", "Company phone", "phone"),
        v("brand.website", "Company website", "url"),
        v("brand.logo_url", "Company logo", "url"),
        v("brand.privacy_url", "Privacy policy", "url"),
        v("brand.terms_url", "Terms of service", "url"));
    group(
        "distribution",
        v("distribution.id", "Distribution ID", "text"),
        v("distribution.name", "Distribution name", "text"));
    group(
        "voucher",
        v("voucher.code", "Code", "text"),
        v("qr_code", "Code as QR image", "image"),
        v("barcode", "Code as barcode image", "image"),
        v("voucher.assets.qr.url", "QR code image URL", "url"),
        v("voucher.assets.barcode.url", "Barcode image URL", "url"),
        v("voucher.value", "Code value (10%, 5.00, ...)", "text"),
        v("voucher.expiration_date", "Code expiry", "date"),
        v("voucher.start_date", "Code valid from", "date"),
        v("voucher.campaign", "Campaign of the code", "text"),
        v("voucher.metadata.*", "Code metadata field", "text"));
    group(
        "discount",
        v("voucher.discount.*", "Discount field (type, percent_off, amount_off, ...)", "text"));
    group(
        "campaign",
        v("campaign.id", "Campaign ID", "text"),
        v("campaign.name", "Campaign", "text"));
    group(
        "promotion_tier",
        v("promotion_tier.id", "Promotion tier ID", "text"),
        v("promotion_tier.name", "Promotion tier name", "text"),
        v("promotion_tier.banner", "Promotion banner", "text"));
    group(
        "order",
        v("order.id", "Order ID", "text"),
        v("order.source_id", "Order source ID", "text"),
        v("order.status", "Order status", "text"),
        v("order.amount", "Order amount", "money"),
        v("order.total_amount", "Order total", "money"),
        v("order.discount_amount", "Order discount", "money"),
        v("order.metadata.*", "Order metadata field", "text"));
    group(
        "gift",
        v("gift.amount", "Gift credits added", "money"),
        v("gift.balance", "Gift card balance", "money"));
    group(
        "loyalty",
        v("loyalty.points", "Loyalty points of this event", "number"),
        v("loyalty.balance", "Loyalty points balance", "number"));
    group("loyalty_tier", v("loyalty.tier", "Loyalty tier", "text"));
    group("tier_change", v("loyalty.previous_tier", "Previous loyalty tier", "text"));
    group(
        "reward",
        v("reward.id", "Reward ID", "text"),
        v("reward.name", "Reward", "text"),
        v("reward.type", "Reward type", "text"),
        v("reward.points", "Reward cost in points", "number"));
    group(
        "referral",
        v("referral.code", "Referral code", "text"),
        v("referral.reward", "Referral reward", "text"));
    group("segment", v("segment.id", "Segment ID", "text"), v("segment.name", "Segment", "text"));
    group(
        "event",
        v("event.type", "Custom event name", "text"),
        v("event.metadata.*", "Custom event metadata field", "text"));
    group("redemption", v("redemption.id", "Redemption ID", "text"));

    List<String> engage = List.of("voucher", "discount", "campaign", "promotion_tier");
    trigger(
        "manual",
        engage,
        "customer",
        "distribution",
        "campaign",
        "voucher",
        "publication",
        "promotion_tier");
    trigger(
        "customer.custom_event",
        concat(List.of("event", "referral", "loyalty"), engage),
        "event",
        "event_schema",
        "customer",
        "referral",
        "loyalty",
        "campaign",
        "voucher",
        "publication",
        "promotion_tier");
    for (String t : List.of("created", "updated", "paid", "canceled")) {
      trigger(
          "customer.order." + t,
          concat(List.of("order"), engage),
          "customer",
          "referrer",
          "order",
          "redemption",
          "campaign",
          "voucher",
          "publication",
          "promotion_tier");
    }
    for (String t : List.of("entered", "left")) {
      trigger(
          "customer.segment." + t,
          concat(List.of("segment"), engage),
          "customer",
          "segment",
          "campaign",
          "voucher",
          "publication",
          "promotion_tier");
    }
    trigger(
        "customer.publication.succeeded",
        List.of("voucher", "discount", "campaign"),
        "customer",
        "campaign",
        "publication",
        "voucher");
    trigger(
        "customer.voucher.gift.balance_added",
        List.of("voucher", "campaign", "gift"),
        "customer",
        "campaign",
        "voucher",
        "balance",
        "transaction");
    trigger(
        "customer.voucher.loyalty_card.points_added",
        List.of("voucher", "campaign", "loyalty"),
        "customer",
        "campaign",
        "voucher",
        "balance",
        "transaction");
    trigger(
        "customer.voucher.loyalty_card.points_expired",
        List.of("voucher", "campaign", "loyalty"),
        "customer",
        "campaign",
        "voucher",
        "points",
        "buckets",
        "transaction");
    for (String t :
        List.of("customer.redemption.succeeded", "customer.redemption.rollback.succeeded")) {
      trigger(
          t,
          List.of("order", "voucher", "discount", "campaign", "promotion_tier", "redemption"),
          "customer",
          "order",
          "campaign",
          "voucher",
          "holder",
          "promotion_tier",
          "promotion_stack",
          "redemption",
          "redemption_rollback");
    }
    for (String t : List.of("joined", "left", "prolonged", "upgraded", "downgraded")) {
      boolean change = t.equals("upgraded") || t.equals("downgraded");
      trigger(
          "customer.loyalty.tier." + t,
          change
              ? List.of("campaign", "loyalty_tier", "tier_change")
              : List.of("campaign", "loyalty_tier"),
          "customer",
          "campaign",
          "loyalty_tier",
          "loyalty_tier_from",
          "loyalty_tier_to",
          "created_at");
    }
    trigger(
        "customer.rewarded.loyalty_points",
        List.of("voucher", "campaign", "loyalty", "loyalty_tier", "order"),
        "customer",
        "holder",
        "voucher",
        "campaign",
        "loyalty_tier",
        "earning_rule",
        "balance",
        "order",
        "event",
        "publication");
    trigger(
        "customer.rewarded",
        List.of("voucher", "campaign", "reward", "loyalty"),
        "customer",
        "holder",
        "voucher",
        "campaign",
        "redemption",
        "reward",
        "reward_assignment",
        "referral_tier",
        "balance",
        "custom_event",
        "customer_event");
    trigger(
        "customer.referred",
        List.of("referral", "campaign", "voucher", "discount"),
        "customer",
        "referrer",
        "referral",
        "campaign",
        "voucher",
        "publication");
  }

  private VariableCatalog() {}

  private static Variable v(String path, String label, String kind) {
    return new Variable(path, label, kind, null);
  }

  private static void group(String name, Variable... variables) {
    List<Variable> out = new ArrayList<>();
    for (Variable v : variables) {
      out.add(new Variable(v.path(), v.label(), v.kind(), name));
    }
    GROUPS.put(name, List.copyOf(out));
  }

  private static void trigger(String type, List<String> groups, String... roots) {
    TRIGGER_GROUPS.put(type, concat(BASE, groups));
    List<String> r = new ArrayList<>(List.of(roots));
    r.add("distribution");
    TRIGGER_ROOTS.put(type, List.copyOf(new LinkedHashSet<>(r)));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    b.stream().filter(x -> !out.contains(x)).forEach(out::add);
    return List.copyOf(out);
  }

  static Set<String> triggers() {
    return TRIGGER_GROUPS.keySet();
  }

  static boolean knows(String trigger) {
    return TRIGGER_GROUPS.containsKey(trigger);
  }

  /** The variables of a trigger; with no trigger (a draft without one yet), every variable. */
  static List<Variable> variables(String trigger) {
    List<String> groups =
        trigger == null || !TRIGGER_GROUPS.containsKey(trigger)
            ? List.copyOf(GROUPS.keySet())
            : TRIGGER_GROUPS.get(trigger);
    List<Variable> out = new ArrayList<>();
    groups.forEach(g -> out.addAll(GROUPS.get(g)));
    return out;
  }

  /** Top-level keys of the trigger's event data; with no trigger, every known key. */
  static List<String> roots(String trigger) {
    if (trigger == null || !TRIGGER_ROOTS.containsKey(trigger)) {
      Set<String> all = new LinkedHashSet<>();
      TRIGGER_ROOTS.values().forEach(all::addAll);
      return List.copyOf(all);
    }
    return TRIGGER_ROOTS.get(trigger);
  }

  static Optional<Variable> find(String trigger, String path) {
    return variables(trigger).stream().filter(v -> v.matches(path)).findFirst();
  }

  /** Throws naming the first variable the trigger does not offer. */
  static void check(String trigger, Set<String> used) {
    List<Variable> offered = variables(trigger);
    for (String path : used) {
      if (offered.stream().noneMatch(v -> v.matches(path))) {
        boolean elsewhere = variables(null).stream().anyMatch(v -> v.matches(path));
        throw new TemplateException(
            "uses unknown variable {{"
                + path
                + "}}"
                + (elsewhere && trigger != null
                    ? " (not available for trigger " + trigger + ")"
                    : "")
                + "; see GET /v1/templates/variables"
                + (trigger == null ? "" : "?trigger_type=" + trigger));
      }
    }
  }

  /** Throws naming the first top-level key a webhook payload design may not reference. */
  static void checkRoots(String trigger, Set<String> used) {
    List<String> roots = roots(trigger);
    for (String path : used) {
      String root = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
      if (!roots.contains(root)) {
        throw new TemplateException(
            "uses unknown variable {{"
                + path
                + "}}: "
                + (trigger == null ? "no trigger" : "trigger " + trigger)
                + " data has "
                + String.join(", ", roots));
      }
    }
  }
}
