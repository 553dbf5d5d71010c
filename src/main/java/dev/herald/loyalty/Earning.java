package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.Publications;
import dev.herald.campaigns.PublishRequest;
import dev.herald.campaigns.PublishResult;
import dev.herald.campaigns.Voucher;
import dev.herald.campaigns.Vouchers;
import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import dev.herald.eventlog.EventLog;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.rules.RuleContext;
import dev.herald.rules.ValidationRules;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Earning rules reacting to the event log: each {@code customer.order.paid}, {@code
 * customer.custom_event}, {@code customer.segment.entered} and tier event is handled once (the
 * event log's consumer contract), and each rule gives a member points for it at most once (the
 * ledger's origin key {@code ern:<rule>:<event>}). Also makes the card row of every loyalty card
 * published, so members get their initial points and tier however the card was published.
 */
@Component
class Earning implements EventConsumer {

  private static final Logger log = LoggerFactory.getLogger(Earning.class);

  private final EarningRuleRepository rules;
  private final TierRepository tiers;
  private final CardContexts contexts;
  private final Ledger ledger;
  private final Campaigns campaigns;
  private final Vouchers vouchers;
  private final Publications publications;
  private final Customers customers;
  private final ValidationRules validationRules;
  private final Projects projects;

  Earning(
      EarningRuleRepository rules,
      TierRepository tiers,
      CardContexts contexts,
      Ledger ledger,
      Campaigns campaigns,
      Vouchers vouchers,
      Publications publications,
      Customers customers,
      ValidationRules validationRules,
      Projects projects) {
    this.rules = rules;
    this.tiers = tiers;
    this.contexts = contexts;
    this.ledger = ledger;
    this.campaigns = campaigns;
    this.vouchers = vouchers;
    this.publications = publications;
    this.customers = customers;
    this.validationRules = validationRules;
    this.projects = projects;
  }

  @Override
  public String name() {
    return "loyalty.earning";
  }

  @Override
  public boolean accepts(String type) {
    return type.equals("customer.order.paid")
        || type.equals("customer.custom_event")
        || type.equals("customer.segment.entered")
        || type.equals("customer.publication.succeeded")
        || EarningPoints.TIER_EVENTS.contains(type);
  }

  /**
   * Only projects that can earn from it: a loyalty program for card publications, a live earning
   * rule for the rest — so a bulk send of a million codes costs this consumer nothing. A rule acts
   * on events that happen while it is live.
   */
  @Override
  public boolean wants(ProjectId project, String type) {
    return type.equals("customer.publication.succeeded")
        ? rules.anyProgram(project)
        : rules.anyLive(project);
  }

  @Override
  public void handle(Event event) {
    if (event.depth() >= EventLog.MAX_DEPTH || event.customerId() == null) {
      return;
    }
    if (event.type().equals("customer.publication.succeeded")) {
      cardPublished(event);
      return;
    }
    ObjectNode data = event.data();
    String key =
        switch (event.type()) {
          case "customer.order.paid" -> EarningRule.ORDER_PAID;
          case "customer.custom_event" -> data.path("event").path("type").asString("");
          default -> event.type();
        };
    Optional<Customer> customer = customers.find(event.projectId(), event.customerId());
    if (customer.isEmpty()) {
      return;
    }
    for (EarningRule rule : rules.forEvent(event.projectId(), key)) {
      if (scoped(rule, event)) {
        earn(rule, event, customer.get());
      }
    }
  }

  private void cardPublished(Event event) {
    JsonNode voucher = event.data().path("voucher");
    if (!"LOYALTY_CARD".equals(voucher.path("type").asString())) {
      return;
    }
    vouchers
        .byCode(event.projectId(), voucher.path("id").asString())
        .flatMap(v -> contexts.of(event.projectId(), v))
        .ifPresent(ledger::lock);
  }

  /** The rule's segment or tier is the event's. */
  private static boolean scoped(EarningRule rule, Event event) {
    ObjectNode data = event.data();
    if (rule.event().equals(EarningRule.SEGMENT_ENTERED)) {
      return rule.segmentId().equals(data.path("segment").path("id").asString(null));
    }
    if (EarningPoints.TIER_EVENTS.contains(rule.event())) {
      if (!rule.campaignId().equals(data.path("campaign").path("id").asString(null))) {
        return false;
      }
      JsonNode tier =
          data.has("loyalty_tier_to") ? data.get("loyalty_tier_to") : data.path("loyalty_tier");
      return rule.loyaltyTierId() == null
          || rule.loyaltyTierId().equals(tier.path("id").asString(null));
    }
    return true;
  }

  private void earn(EarningRule rule, Event event, Customer customer) {
    ProjectId project = event.projectId();
    ZoneId zone = projects.timeZone(project);
    Optional<Campaign> program = campaigns.findOptional(project, rule.campaignId());
    if (program.isEmpty()
        || !program.get().active()
        || program.get().validity().reject(event.createdAt(), zone).isPresent()
        || rule.validity().reject(event.createdAt(), zone).isPresent()) {
      return;
    }
    ObjectNode data = event.data();
    JsonNode order = data.has("order") && data.get("order").isObject() ? data.get("order") : null;
    JsonNode customEvent = event.type().equals("customer.custom_event") ? data.path("event") : null;
    JsonNode customerJson = customers.toJson(customer);
    if (!passes(rule, project, customerJson, order, customEvent, event, zone)) {
      return;
    }
    Optional<CardContext> ctx = card(program.get(), customer, event);
    if (ctx.isEmpty()) {
      return;
    }
    Card card = ledger.lock(ctx.get());
    Tier tier = card.tierId() == null ? null : tiers.byId(project, card.tierId()).orElse(null);
    long points =
        Tiers.forTier(
            tier,
            rule.id(),
            EarningPoints.of(
                rule.loyalty(),
                order,
                customerJson,
                customEvent == null ? null : customEvent.path("metadata")),
            false);
    if (points <= 0) {
      return;
    }
    ObjectNode extra = Json.object();
    extra.set("earning_rule", EarningRules.toJson(rule));
    extra.set("order", order == null ? Json.nullNode() : order);
    extra.set("event", customEvent == null ? Json.nullNode() : customEvent);
    ledger.reward(
        ctx.get(),
        points,
        Origin.automatic("ern:" + rule.id() + ":" + event.id(), null),
        details(rule, event, order, tier),
        extra);
  }

  private boolean passes(
      EarningRule rule,
      ProjectId project,
      JsonNode customer,
      JsonNode order,
      JsonNode customEvent,
      Event event,
      ZoneId zone) {
    if (rule.validationRuleId() == null) {
      return true;
    }
    RuleContext context =
        new RuleContext(customer, order, customEvent, null, null, event.createdAt(), zone);
    try {
      return validationRules.evaluate(project, rule.validationRuleId(), context).valid();
    } catch (ApiException e) {
      // a rule that cannot be decided (deleted, segments unavailable) gives no points
      log.warn("Earning rule {} skipped for event {}: {}", rule.id(), event.id(), e.details());
      return false;
    }
  }

  /** The member's card in the program; an auto-join program gives a card to a non-member. */
  private Optional<CardContext> card(Campaign program, Customer customer, Event event) {
    ProjectId project = event.projectId();
    List<Voucher> held = vouchers.heldBy(project, customer.id(), program.id());
    if (!held.isEmpty()) {
      return contexts.of(project, held.get(0));
    }
    if (!program.autoJoin()) {
      return Optional.empty();
    }
    PublishResult result =
        publications.publish(
            project,
            new PublishRequest(
                program.id(),
                null,
                customer.id(),
                1,
                true,
                null,
                "loyalty-auto-join:" + program.id() + ":" + customer.id(),
                "API",
                Json.object()));
    if (!(result instanceof PublishResult.Published p)) {
      return Optional.empty();
    }
    return vouchers
        .byCode(project, p.voucher().path("id").asString())
        .flatMap(v -> contexts.of(project, v));
  }

  private static ObjectNode details(EarningRule rule, Event event, JsonNode order, Tier tier) {
    ObjectNode details = Json.object();
    ObjectNode ern = Json.object().put("id", rule.id());
    ern.set("source", rule.source());
    details.set("earning_rule", ern);
    details.set("event", Json.object().put("id", event.id()).put("type", event.type()));
    if (order != null) {
      details.set(
          "order",
          Json.object()
              .put("id", order.path("id").asString(null))
              .put("source_id", order.path("source_id").asString(null)));
    }
    if (event.type().equals("customer.segment.entered")) {
      JsonNode segment = event.data().path("segment");
      details.set(
          "segment",
          Json.object()
              .put("id", segment.path("id").asString(null))
              .put("name", segment.path("name").asString(null)));
    }
    if (event.type().equals("customer.custom_event")) {
      details.set("custom_event", Json.object().put("id", event.id()).put("type", rule.event()));
      details.set("event_schema", event.data().path("event_schema"));
    }
    if (tier != null) {
      details.set("loyalty_tier", Json.object().put("id", tier.id()).put("name", tier.name()));
    }
    return details;
  }
}
