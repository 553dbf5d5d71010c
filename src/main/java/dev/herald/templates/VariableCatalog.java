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

  static final Map<String, List<Variable>> GROUPS = VariableGroups.ALL;
  private static final Map<String, List<String>> TRIGGER_GROUPS = new LinkedHashMap<>();
  private static final Map<String, List<String>> TRIGGER_ROOTS = new LinkedHashMap<>();
  private static final List<String> BASE = List.of("customer", "links", "brand", "distribution");

  static {
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
