package dev.herald.campaigns;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.rules.Counters;
import dev.herald.rules.RuleContext;
import dev.herald.rules.RuleResult;
import dev.herald.rules.ValidationRules;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides whether each redeemable of a request applies, and for how much: status, time windows,
 * quantity, referral holder, gift balance and the validation rules assigned to the code, its
 * campaign or tier. Discounts stack: each one applies to what is left of the order. Reads only.
 */
@Component
class RedemptionEngine {

  /** One redeemable of a request: a voucher code or a promotion tier id, maybe with credits. */
  record Target(String object, String id, Long credits) {}

  /** The decision on one redeemable. {@code failKey} null means it applies. */
  record Checked(
      Target target,
      Voucher voucher,
      PromotionTier tier,
      Campaign campaign,
      long discount,
      Long credits,
      String failKey,
      String failMessage) {

    boolean ok() {
      return failKey == null;
    }
  }

  /** All decisions and the order totals they lead to. */
  record Plan(List<Checked> items, long orderAmount, long totalDiscount) {

    Optional<Checked> firstFailure() {
      return items.stream().filter(c -> !c.ok()).findFirst();
    }
  }

  private final VoucherRepository vouchers;
  private final CampaignRepository campaigns;
  private final PromotionTierRepository tiers;
  private final RedemptionRepository redemptions;
  private final ValidationRules rules;
  private final Customers customers;
  private final Projects projects;
  private final Clock clock;

  RedemptionEngine(
      VoucherRepository vouchers,
      CampaignRepository campaigns,
      PromotionTierRepository tiers,
      RedemptionRepository redemptions,
      ValidationRules rules,
      Customers customers,
      Projects projects,
      Clock clock) {
    this.vouchers = vouchers;
    this.campaigns = campaigns;
    this.tiers = tiers;
    this.redemptions = redemptions;
    this.rules = rules;
    this.customers = customers;
    this.projects = projects;
    this.clock = clock;
  }

  Plan plan(
      ProjectId project,
      List<Target> targets,
      Customer customer,
      JsonNode order,
      ObjectNode metadata) {
    long amount = orderAmount(order);
    long discounted = 0;
    ZoneId zone = projects.timeZone(project);
    Instant now = clock.instant();
    List<Checked> out = new ArrayList<>();
    for (Target t : targets) {
      Checked c = check(project, t, customer, order, metadata, amount - discounted, now, zone);
      if (c.ok()) {
        discounted += c.discount() + (c.credits() == null ? 0 : c.credits());
      }
      out.add(c);
    }
    return new Plan(out, amount, discounted);
  }

  static long orderAmount(JsonNode order) {
    if (order == null) {
      return 0;
    }
    if (order.path("amount").isNumber()) {
      return order.get("amount").asLong();
    }
    long sum = 0;
    for (JsonNode item : order.path("items")) {
      sum +=
          item.path("amount")
              .asLong(item.path("price").asLong(0) * item.path("quantity").asLong(1));
    }
    return sum;
  }

  private Checked check(
      ProjectId project,
      Target t,
      Customer customer,
      JsonNode order,
      ObjectNode metadata,
      long remaining,
      Instant now,
      ZoneId zone) {
    if (t.object().equals("promotion_tier")) {
      PromotionTier tier =
          tiers
              .byId(project, t.id())
              .orElseThrow(() -> ApiException.notFound("promotion_tier", t.id()));
      Campaign c = campaigns.byId(tier.campaignId()).orElseThrow();
      Optional<String> window = tier.validity().or(c.validity()).reject(now, zone);
      if (!tier.active() || !c.active() || window.isPresent()) {
        return fail(
            t,
            null,
            tier,
            c,
            "promotion_inactive",
            "Promotion tier " + tier.name() + " is not active");
      }
      Checked rule =
          rules(
              project,
              t,
              null,
              tier,
              c,
              customer,
              order,
              metadata,
              now,
              zone,
              List.of(tier.id(), c.id()));
      if (rule != null) {
        return rule;
      }
      long discount =
          Discounts.amount(
              tier.action().path("discount"),
              remaining,
              order == null ? null : order.path("items"));
      return new Checked(t, null, tier, c, discount, null, null, null);
    }
    Voucher v =
        vouchers
            .byCode(project, t.id(), false)
            .orElseThrow(() -> ApiException.notFound("voucher", t.id()));
    Campaign c = v.campaignId() == null ? null : campaigns.byId(v.campaignId()).orElse(null);
    if (!v.active() || (c != null && !c.active())) {
      return fail(t, v, null, c, "voucher_disabled", "Voucher " + v.code() + " is disabled");
    }
    if ("LOYALTY_CARD".equals(v.type())) {
      return fail(
          t,
          v,
          null,
          c,
          "missing_reward",
          "Loyalty card "
              + v.code()
              + " is redeemed for a reward: POST /v1/loyalties/{campaignId}/members/"
              + v.code()
              + "/redemption");
    }
    Validity validity = c == null ? v.validity() : v.validity().or(c.validity());
    Optional<String> window = validity.reject(now, zone);
    if (window.isPresent()) {
      return fail(
          t,
          v,
          null,
          c,
          window.get(),
          "Voucher "
              + v.code()
              + (window.get().equals("voucher_expired") ? " has expired" : " is not active now"));
    }
    if (v.redemptionQuantity() != null && v.redeemedQuantity() >= v.redemptionQuantity()) {
      return fail(
          t,
          v,
          null,
          c,
          "quantity_exceeded",
          "Voucher " + v.code() + " has been redeemed " + v.redeemedQuantity() + " times already");
    }
    if (v.referralCode() && customer != null && customer.id().equals(v.holderId())) {
      return fail(
          t,
          v,
          null,
          c,
          "referrer_not_permitted_to_redeem",
          "The referrer cannot redeem their own referral code");
    }
    Checked rule =
        rules(
            project,
            t,
            v,
            null,
            c,
            customer,
            order,
            metadata,
            now,
            zone,
            java.util.Arrays.asList(v.id(), c == null ? null : c.id()));
    if (rule != null) {
      return rule;
    }
    if (v.gift()) {
      long balance = v.giftBalance() == null ? 0 : v.giftBalance();
      long credits = t.credits() != null ? t.credits() : Math.min(balance, Math.max(0, remaining));
      if (credits > balance || balance == 0) {
        return fail(
            t,
            v,
            null,
            c,
            "gift_amount_exceeded",
            "Gift card " + v.code() + " has " + balance + " credits, " + credits + " asked");
      }
      if (credits <= 0) {
        return fail(t, v, null, c, "gift_amount_exceeded", "No credits to use on an order of 0");
      }
      return new Checked(t, v, null, c, 0, credits, null, null);
    }
    long discount =
        Discounts.amount(v.discount(), remaining, order == null ? null : order.path("items"));
    return new Checked(t, v, null, c, discount, null, null, null);
  }

  private static Checked fail(
      Target t, Voucher v, PromotionTier tier, Campaign c, String key, String message) {
    return new Checked(t, v, tier, c, 0, null, key, message);
  }

  private Checked rules(
      ProjectId project,
      Target t,
      Voucher v,
      PromotionTier tier,
      Campaign c,
      Customer customer,
      JsonNode order,
      ObjectNode metadata,
      Instant now,
      ZoneId zone,
      List<String> objects) {
    List<String> ids = rules.ruleIdsFor(project, objects);
    if (ids.isEmpty()) {
      return null;
    }
    ObjectNode redemption = Json.object();
    redemption.set("metadata", metadata == null ? Json.object() : metadata);
    if (t.credits() != null) {
      redemption.set("gift", Json.object().put("amount", t.credits()));
    }
    redemption.put(
        "holder_is_customer", v != null && customer != null && customer.id().equals(v.holderId()));
    RuleContext ctx =
        new RuleContext(
            customer == null ? null : customers.toJson(customer),
            order,
            null,
            redemption,
            counters(c, customer, now),
            now,
            zone);
    Optional<RuleResult> failed = rules.firstFailure(project, ids, ctx);
    return failed.map(r -> fail(t, v, tier, c, r.key(), r.errorMessage())).orElse(null);
  }

  private Counters counters(Campaign c, Customer customer, Instant now) {
    return name -> {
      if (c == null) {
        return OptionalLong.empty();
      }
      String customerId = customer == null ? null : customer.id();
      switch (name) {
        case "campaign.redemptions.count":
          return OptionalLong.of(redemptions.campaignCount(c.id(), null, null, false));
        case "campaign.redemptions.count.daily":
          return OptionalLong.of(
              redemptions.campaignCount(c.id(), now.minus(1, ChronoUnit.DAYS), null, false));
        case "campaign.redemptions.count.weekly":
          return OptionalLong.of(
              redemptions.campaignCount(c.id(), now.minus(7, ChronoUnit.DAYS), null, false));
        case "campaign.redemptions.count.monthly":
          return OptionalLong.of(
              redemptions.campaignCount(c.id(), now.minus(30, ChronoUnit.DAYS), null, false));
        case "campaign.redemptions.customers_count":
          return OptionalLong.of(redemptions.campaignCount(c.id(), null, null, true));
        case "redemption.count.per_customer":
          return customerId == null
              ? OptionalLong.empty()
              : OptionalLong.of(redemptions.campaignCount(c.id(), null, customerId, false));
        case "redemption.count.per_customer.daily":
          return customerId == null
              ? OptionalLong.empty()
              : OptionalLong.of(
                  redemptions.campaignCount(
                      c.id(), now.minus(1, ChronoUnit.DAYS), customerId, false));
        default:
          return OptionalLong.empty();
      }
    };
  }
}
