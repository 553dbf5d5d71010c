package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives the referrer or the referee of a conversion the reward the program configures and appends
 * {@code customer.rewarded}. The reward is given in a savepoint: if it cannot be given (no code
 * left) it is logged and skipped, and the referral stands.
 */
@Component
class ReferralRewards {

  private static final Logger log = LoggerFactory.getLogger(ReferralRewards.class);

  private final Campaigns campaigns;
  private final Customers customers;
  private final RewardGiver giver;
  private final EventLog eventLog;
  private final TransactionTemplate nested;

  ReferralRewards(
      Campaigns campaigns,
      Customers customers,
      RewardGiver giver,
      EventLog eventLog,
      PlatformTransactionManager transactions) {
    this.campaigns = campaigns;
    this.customers = customers;
    this.giver = giver;
    this.eventLog = eventLog;
    this.nested = new TransactionTemplate(transactions);
    this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  void give(
      ProjectId project,
      Customer customer,
      JsonNode config,
      ReferralRepository.Referral r,
      String role,
      ObjectNode campaignJson,
      ObjectNode codeJson,
      ReferralSource source) {
    Optional<String> ref =
        config.isObject() ? ReferralProgramSupport.campaignRef(config) : Optional.empty();
    if (ref.isEmpty()) {
      return;
    }
    Optional<Campaign> target = campaigns.findOptional(project, ref.get());
    if (target.isEmpty()) {
      log.warn("Referral {}: reward campaign {} is gone", r.id(), ref.get());
      return;
    }
    Long amount = config.path("amount").isNumber() ? config.path("amount").asLong() : null;
    ObjectNode details = Json.object().set("referral", Json.object().put("id", r.id()));
    RewardGiver.Given given;
    try {
      given =
          nested.execute(
              s ->
                  giver.give(
                      project,
                      customer,
                      target.get(),
                      amount,
                      "referral:" + r.id() + ":" + role,
                      details));
    } catch (ApiException e) {
      log.warn("Referral {}: the {}'s reward was not given: {}", r.id(), role, e.details());
      return;
    }
    ObjectNode reward = Json.object();
    reward.put("type", config.path("type").asString(null));
    reward.put("role", role.toUpperCase());
    reward.set(
        "campaign",
        Json.object()
            .put("id", target.get().id())
            .put("name", target.get().name())
            .put("campaign_type", target.get().campaignType()));
    if (amount != null) {
      reward.put("amount", amount);
    }
    reward.set("voucher", given.voucher());
    ObjectNode data = Json.object();
    data.set("customer", customers.toJson(customer));
    data.set("holder", customers.toBriefJson(customer));
    data.set("voucher", codeJson);
    data.set("campaign", campaignJson);
    data.set("redemption", source.type().equals("redemption") ? source.data() : Json.nullNode());
    data.set("reward", reward);
    data.set("referral_tier", Json.nullNode());
    data.set("referral", referralJson(r));
    data.set("balance", given.balance() == null ? Json.nullNode() : given.balance());
    data.set(
        "custom_event", source.type().equals("custom_event") ? source.data() : Json.nullNode());
    data.set("customer_event", Json.nullNode());
    eventLog.append(NewEvent.of(project, "customer.rewarded", customer.id(), data));
  }

  static ObjectNode referralJson(ReferralRepository.Referral r) {
    ObjectNode out = Json.object();
    out.put("id", r.id());
    out.put("campaign_id", r.campaignId());
    out.put("referrer_id", r.referrerId());
    out.put("referee_id", r.refereeId());
    out.put("related_object_type", r.relatedObjectType());
    out.put("related_object_id", r.relatedObjectId());
    out.put("date", Times.format(r.createdAt()));
    out.put("object", "referral");
    return out;
  }
}
