package dev.herald.distributions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of what a distribution may combine (ARCHITECTURE §5, reference §4): every trigger
 * with its category, label and scope, the actions it allows, and the channels each action allows
 * for it. Validation, the matcher and {@code GET /v1/distributions/catalog} all read it; the
 * dashboard renders from that endpoint. Nothing else keeps a copy.
 */
final class Catalog {

  /** A scope field a trigger takes, and where the event data holds the value it must equal. */
  record Scope(String field, String label, String kind, List<String> eventPaths) {}

  record ActionSpec(String type, String label, List<String> requires, boolean carriesCode) {}

  record Offer(String action, List<String> channels) {}

  record TriggerSpec(
      String type,
      String category,
      String label,
      boolean manual,
      List<Scope> required,
      List<Scope> optional,
      List<Offer> offers) {

    Optional<Offer> offer(String action) {
      return offers.stream().filter(o -> o.action().equals(action)).findFirst();
    }

    List<String> actions() {
      return offers.stream().map(Offer::action).toList();
    }
  }

  static final List<String> CHANNELS = List.of("email", "sms", "webhook", "mailchimp", "braze");
  static final Map<String, String> CHANNEL_LABELS =
      Map.of(
          "email", "Email",
          "sms", "SMS",
          "webhook", "Webhook",
          "mailchimp", "Mailchimp",
          "braze", "Braze");
  static final Map<String, ActionSpec> ACTIONS = new LinkedHashMap<>();
  static final Map<String, TriggerSpec> TRIGGERS = new LinkedHashMap<>();

  private static final List<String> MESSAGE = List.of("email", "sms", "webhook");
  private static final List<String> MESSAGE_NO_WEBHOOK = List.of("email", "sms");

  static {
    action(
        "publish_code",
        "Send and publish unique codes from campaign",
        List.of("campaign_id"),
        true);
    action(
        "notify_promotion",
        "Notify customers about promotion",
        List.of("promotion_tier_id"),
        false);
    action("plain_message", "Send plain message", List.of(), false);
    action("credits_message", "Send message with received credits", List.of(), false);
    action("points_message", "Send message with received points", List.of(), false);
    action("reward_message", "Send message with reward details", List.of(), false);
    action("published_code_message", "Send message with the published code", List.of(), false);

    Scope customEvent =
        new Scope("custom_event", "Custom event", "custom_event", List.of("/event/type"));
    Scope segment = new Scope("segment_id", "Segment", "segment", List.of("/segment/id"));
    Scope campaign =
        new Scope(
            "campaign_id", "Campaign", "campaign", List.of("/campaign/id", "/voucher/campaign_id"));
    Scope loyaltyCampaign =
        new Scope("campaign_id", "Loyalty campaign", "loyalty_campaign", List.of("/campaign/id"));
    Scope referralCampaign =
        new Scope("campaign_id", "Referral campaign", "referral_campaign", List.of("/campaign/id"));
    Scope tier =
        new Scope(
            "loyalty_tier_id",
            "Loyalty tier",
            "loyalty_tier",
            List.of("/loyalty_tier/id", "/loyalty_tier_to/id"));
    Scope rule = new Scope("validation_rule_id", "Validation rule", "validation_rule", List.of());
    Scope includeExisting =
        new Scope(
            "include_existing_members",
            "Include customers already in the segment",
            "boolean",
            List.of());

    List<Offer> engage =
        List.of(
            new Offer("publish_code", List.of("email", "sms", "webhook", "mailchimp", "braze")),
            new Offer("notify_promotion", List.of("email", "sms", "webhook", "braze")),
            new Offer("plain_message", MESSAGE));

    trigger(
        "manual",
        "Manual message",
        "Manual message to one customer or a segment",
        true,
        List.of(),
        List.of(),
        List.of(
            new Offer("publish_code", List.of("email", "sms", "webhook", "mailchimp", "braze")),
            new Offer("notify_promotion", List.of("email", "sms", "webhook", "braze")),
            // Voucherify: "Send plain message" is not available for the webhook channel here.
            new Offer("plain_message", MESSAGE_NO_WEBHOOK)));
    trigger(
        "customer.custom_event",
        "Custom event",
        "Custom event",
        false,
        List.of(customEvent),
        List.of(rule),
        engage);
    for (String[] t :
        new String[][] {
          {"customer.order.created", "Order created"},
          {"customer.order.updated", "Order updated"},
          {"customer.order.paid", "Order paid"},
          {"customer.order.canceled", "Order canceled"}
        }) {
      trigger(t[0], "Cart", t[1], false, List.of(), List.of(rule), engage);
    }
    trigger(
        "customer.segment.entered",
        "Segment",
        "Customer entered segment",
        false,
        List.of(segment),
        List.of(includeExisting, rule),
        engage);
    trigger(
        "customer.segment.left",
        "Segment",
        "Customer left segment",
        false,
        List.of(segment),
        List.of(rule),
        engage);
    trigger(
        "customer.publication.succeeded",
        "Publishing codes",
        "Code successfully published",
        false,
        List.of(campaign),
        List.of(),
        List.of(
            new Offer("published_code_message", MESSAGE_NO_WEBHOOK),
            new Offer("plain_message", MESSAGE)));
    trigger(
        "customer.voucher.gift.balance_added",
        "Voucher",
        "Gift credits added",
        false,
        List.of(campaign),
        List.of(),
        List.of(
            new Offer("credits_message", MESSAGE_NO_WEBHOOK), new Offer("plain_message", MESSAGE)));
    trigger(
        "customer.voucher.loyalty_card.points_added",
        "Voucher",
        "Loyalty points added",
        false,
        List.of(campaign),
        List.of(),
        List.of(
            new Offer("points_message", MESSAGE_NO_WEBHOOK), new Offer("plain_message", MESSAGE)));
    trigger(
        "customer.voucher.loyalty_card.points_expired",
        "Voucher",
        "Loyalty points expired",
        false,
        List.of(campaign),
        List.of(),
        List.of(
            new Offer("points_message", MESSAGE_NO_WEBHOOK), new Offer("plain_message", MESSAGE)));
    trigger(
        "customer.redemption.succeeded",
        "Voucher",
        "Voucher redeemed",
        false,
        List.of(campaign),
        List.of(),
        List.of(new Offer("plain_message", MESSAGE)));
    trigger(
        "customer.redemption.rollback.succeeded",
        "Voucher",
        "Redemption rolled back",
        false,
        List.of(campaign),
        List.of(),
        List.of(new Offer("plain_message", MESSAGE)));
    for (String[] t :
        new String[][] {
          {"customer.loyalty.tier.joined", "Customer joined loyalty tier structure"},
          {"customer.loyalty.tier.left", "Customer left loyalty tier structure"},
          {"customer.loyalty.tier.upgraded", "Loyalty tier upgraded"},
          {"customer.loyalty.tier.downgraded", "Loyalty tier downgraded"},
          {"customer.loyalty.tier.prolonged", "Loyalty tier prolonged"}
        }) {
      trigger(
          t[0],
          "Loyalty tier",
          t[1],
          false,
          List.of(loyaltyCampaign),
          List.of(tier),
          List.of(new Offer("plain_message", MESSAGE)));
    }
    trigger(
        "customer.rewarded.loyalty_points",
        "Loyalty tier",
        "Customer rewarded loyalty points",
        false,
        List.of(loyaltyCampaign),
        List.of(),
        List.of(
            new Offer("points_message", MESSAGE_NO_WEBHOOK), new Offer("plain_message", MESSAGE)));
    trigger(
        "customer.rewarded",
        "Customer rewards",
        "Reward redeemed",
        false,
        List.of(loyaltyCampaign),
        List.of(),
        List.of(
            new Offer("reward_message", MESSAGE_NO_WEBHOOK), new Offer("plain_message", MESSAGE)));
    trigger(
        "customer.referred",
        "Referral",
        "Customer was referred",
        false,
        List.of(referralCampaign),
        List.of(),
        List.of(new Offer("plain_message", MESSAGE)));
  }

  private Catalog() {}

  private static void action(
      String type, String label, List<String> requires, boolean carriesCode) {
    ACTIONS.put(type, new ActionSpec(type, label, requires, carriesCode));
  }

  private static void trigger(
      String type,
      String category,
      String label,
      boolean manual,
      List<Scope> required,
      List<Scope> optional,
      List<Offer> offers) {
    TRIGGERS.put(type, new TriggerSpec(type, category, label, manual, required, optional, offers));
  }

  static Optional<TriggerSpec> trigger(String type) {
    return Optional.ofNullable(TRIGGERS.get(type));
  }

  /** Event types that can fire an automatic distribution. */
  static boolean isTriggerType(String eventType) {
    TriggerSpec spec = TRIGGERS.get(eventType);
    return spec != null && !spec.manual();
  }

  static List<String> categories() {
    return TRIGGERS.values().stream().map(TriggerSpec::category).distinct().toList();
  }
}
