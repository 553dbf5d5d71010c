package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.Voucher;
import dev.herald.campaigns.Vouchers;
import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Referral conversion, reacting to the event log (each event once): a referee redeeming a referral
 * code ({@code customer.redemption.succeeded}; programs converting by {@code redemption}), a custom
 * event with a {@code referral} block (programs converting by {@code custom_event}, of the
 * configured event name), or a paid order with a {@code referrer} (every live program converting by
 * redemption in which the referrer holds a code). A customer is referred once per program: the
 * conversion records the referral, appends {@code customer.referred}, gives the referrer (and the
 * referee) the program's rewards with {@code customer.rewarded}, and updates both customers' read
 * models. A reward that cannot be given (no code left) is logged and skipped; the referral stands.
 */
@Component
class Referrals implements EventConsumer {

  private final ReferralRepository referrals;
  private final Campaigns campaigns;
  private final Vouchers vouchers;
  private final Customers customers;
  private final Projects projects;
  private final ReferralRewards rewards;
  private final LoyaltyReadModel readModel;
  private final EventLog eventLog;

  Referrals(
      ReferralRepository referrals,
      Campaigns campaigns,
      Vouchers vouchers,
      Customers customers,
      Projects projects,
      ReferralRewards rewards,
      LoyaltyReadModel readModel,
      EventLog eventLog) {
    this.referrals = referrals;
    this.campaigns = campaigns;
    this.vouchers = vouchers;
    this.customers = customers;
    this.projects = projects;
    this.rewards = rewards;
    this.readModel = readModel;
    this.eventLog = eventLog;
  }

  @Override
  public String name() {
    return "loyalty.referrals";
  }

  @Override
  public boolean accepts(String type) {
    return type.equals("customer.redemption.succeeded")
        || type.equals("customer.custom_event")
        || type.equals("customer.order.paid");
  }

  /**
   * Only projects with a referral program get work: a conversion needs a referral code, and a code
   * exists only after its program does.
   */
  @Override
  public boolean wants(ProjectId project, String type) {
    return campaigns.anyOfType(project, "REFERRAL_PROGRAM");
  }

  @Override
  public void handle(Event event) {
    if (event.depth() >= EventLog.MAX_DEPTH || event.customerId() == null) {
      return;
    }
    ObjectNode data = event.data();
    switch (event.type()) {
      case "customer.redemption.succeeded" -> byRedemption(event, data);
      case "customer.custom_event" -> byCustomEvent(event, data);
      default -> byOrder(event, data);
    }
  }

  private void byRedemption(Event event, ObjectNode data) {
    JsonNode v = data.path("voucher");
    if (!v.path("is_referral_code").asBoolean(false)) {
      return;
    }
    program(event.projectId(), v.path("campaign_id").asString(null), "redemption", event)
        .ifPresent(
            c -> {
              ReferralSource source =
                  new ReferralSource(
                      "redemption",
                      data.path("redemption").path("id").asString(null),
                      "redemption",
                      data.path("redemption"));
              code(event.projectId(), v.path("id").asString())
                  .ifPresent(code -> convert(event, c, code, source));
            });
  }

  private void byCustomEvent(Event event, ObjectNode data) {
    JsonNode referral = data.path("referral");
    String codeRef = referral.path("code").asString(null);
    if (codeRef == null) {
      return;
    }
    Optional<Voucher> code = code(event.projectId(), codeRef).filter(Voucher::referralCode);
    if (code.isEmpty()) {
      return;
    }
    Optional<Campaign> program =
        program(event.projectId(), code.get().campaignId(), "custom_event", event);
    if (program.isEmpty()) {
      return;
    }
    String name = data.path("event").path("type").asString("");
    JsonNode wanted = program.get().referralProgram().path("custom_event").path("name");
    if (wanted.isString() && !wanted.asString().equals(name)) {
      return;
    }
    String referrerRef = referral.path("referrer_id").asString(null);
    if (referrerRef != null) {
      String referrer =
          customers.find(event.projectId(), referrerRef).map(Customer::id).orElse(null);
      if (!code.get().holderId().equals(referrer)) {
        return;
      }
    }
    convert(
        event,
        program.get(),
        code.get(),
        new ReferralSource("custom_event", event.id(), "custom_event", data.path("event")));
  }

  private void byOrder(Event event, ObjectNode data) {
    String referrer = data.path("referrer").path("id").asString(null);
    if (referrer == null) {
      return;
    }
    for (Voucher code : vouchers.referralCodesOf(event.projectId(), referrer)) {
      program(event.projectId(), code.campaignId(), "redemption", event)
          .ifPresent(
              c ->
                  convert(
                      event,
                      c,
                      code,
                      new ReferralSource(
                          "order",
                          data.path("order").path("id").asString(null),
                          "order",
                          data.path("order"))));
    }
  }

  private Optional<Voucher> code(ProjectId project, String idOrCode) {
    return idOrCode == null ? Optional.empty() : vouchers.byCode(project, idOrCode);
  }

  /** The live referral program converting by {@code conversion} at the event's time. */
  private Optional<Campaign> program(
      ProjectId project, String campaignId, String conversion, Event event) {
    if (campaignId == null) {
      return Optional.empty();
    }
    return campaigns
        .findOptional(project, campaignId)
        .filter(c -> "REFERRAL_PROGRAM".equals(c.campaignType()))
        .filter(Campaign::active)
        .filter(c -> c.validity().reject(event.createdAt(), projects.timeZone(project)).isEmpty())
        .filter(
            c ->
                conversion.equals(
                    c.referralProgram() == null
                        ? "redemption"
                        : c.referralProgram()
                            .path("conversion_event_type")
                            .asString("redemption")));
  }

  private void convert(Event event, Campaign program, Voucher code, ReferralSource source) {
    ProjectId project = event.projectId();
    String refereeId = event.customerId();
    String referrerId = code.holderId();
    if (referrerId == null || referrerId.equals(refereeId)) {
      return;
    }
    Optional<Customer> referee = customers.find(project, refereeId);
    Optional<Customer> referrer = customers.find(project, referrerId);
    if (referee.isEmpty() || referrer.isEmpty()) {
      return;
    }
    ReferralRepository.Referral r =
        new ReferralRepository.Referral(
            Ids.newId("ref_"),
            project,
            program.id(),
            code.id(),
            referrerId,
            refereeId,
            source.type(),
            source.id(),
            event.createdAt());
    if (!referrals.insert(r)) {
      return; // this customer was referred in this program before
    }
    ObjectNode campaignJson = campaigns.toJson(program);
    ObjectNode codeJson = vouchers.toJson(code);
    ObjectNode referral = ReferralRewards.referralJson(r);
    ObjectNode referred = Json.object();
    referred.set("customer", customers.toJson(referee.get()));
    referred.set("referrer", customers.toBriefJson(referrer.get()));
    referred.set("campaign", campaignJson);
    referred.set("voucher", codeJson);
    referred.set("referral", referral);
    referred.set(source.dataKey(), source.data());
    eventLog.append(NewEvent.of(project, "customer.referred", refereeId, referred));
    JsonNode config = program.referralProgram() == null ? Json.object() : program.referralProgram();
    rewards.give(
        project,
        referrer.get(),
        config.path("referrer_reward"),
        r,
        "referrer",
        campaignJson,
        codeJson,
        source);
    rewards.give(
        project,
        referee.get(),
        config.path("referee_reward"),
        r,
        "referee",
        campaignJson,
        codeJson,
        source);
    readModel.touch(project, referrerId);
    readModel.touch(project, refereeId);
  }
}
