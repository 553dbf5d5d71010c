package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Publications;
import dev.herald.campaigns.PublishRequest;
import dev.herald.campaigns.PublishResult;
import dev.herald.campaigns.Voucher;
import dev.herald.campaigns.Vouchers;
import dev.herald.customers.Customer;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives a customer what a campaign reward stands for, once per {@code key}: a code published from
 * the campaign; for a gift card campaign with {@code amount}, that many credits on the customer's
 * card; for a loyalty program, {@code amount} points on the customer's card of it (a card is
 * published when they hold none). A campaign with no code left fails the caller with 400.
 */
@Component
class RewardGiver {

  /** What was given: the code (publication replayed if it was given before) and its balance. */
  record Given(ObjectNode voucher, ObjectNode publication, ObjectNode balance) {}

  private final Publications publications;
  private final Vouchers vouchers;
  private final CardContexts contexts;
  private final Ledger ledger;

  RewardGiver(Publications publications, Vouchers vouchers, CardContexts contexts, Ledger ledger) {
    this.publications = publications;
    this.vouchers = vouchers;
    this.contexts = contexts;
    this.ledger = ledger;
  }

  /** A CAMPAIGN reward given to a member for a reward redemption. */
  PublishResult.Published give(CardContext member, RewardRepository.Reward reward, String key) {
    String campaignId = reward.parameters().path("campaign").path("id").asString();
    Campaign campaign =
        contexts
            .campaign(member.project, campaignId)
            .orElseThrow(() -> ApiException.notFound("campaign", campaignId));
    Long amount =
        reward.parameters().path("campaign").path("balance").isNumber()
            ? reward.parameters().path("campaign").path("balance").asLong()
            : null;
    ObjectNode details =
        Json.object()
            .set("reward", Json.object().put("id", reward.id()).put("name", reward.name()));
    Given given = give(member.project, member.holder, campaign, amount, "reward:" + key, details);
    return new PublishResult.Published(
        given.publication() == null ? Json.object() : given.publication(),
        List.of(given.voucher()),
        false);
  }

  Given give(
      ProjectId project,
      Customer customer,
      Campaign campaign,
      Long amount,
      String key,
      ObjectNode details) {
    if (campaign.campaignType().equals("LOYALTY_PROGRAM")) {
      return points(project, customer, campaign, amount == null ? 0 : amount, key, details);
    }
    PublishResult.Published p = publish(project, customer, campaign, key, false);
    ObjectNode balance = null;
    if (campaign.campaignType().equals("GIFT_VOUCHERS") && amount != null && amount > 0) {
      String code = p.voucher().path("code").asString();
      balance =
          vouchers.balance(
              project,
              code,
              Body.of(
                  Json.object().put("amount", amount).put("source_id", key),
                  "invalid_add_balance_params"));
      return new Given(
          vouchers.toJson(vouchers.byCode(project, code).orElseThrow()), p.publication(), balance);
    }
    return new Given(p.voucher(), p.publication(), null);
  }

  private Given points(
      ProjectId project,
      Customer customer,
      Campaign program,
      long amount,
      String key,
      ObjectNode details) {
    List<Voucher> held = vouchers.heldBy(project, customer.id(), program.id());
    ObjectNode publication = null;
    Voucher card;
    if (held.isEmpty()) {
      PublishResult.Published p = publish(project, customer, program, key, true);
      publication = p.publication();
      card = vouchers.byCode(project, p.voucher().path("code").asString()).orElseThrow();
    } else {
      card = held.get(0);
    }
    CardContext ctx = contexts.of(project, card).orElseThrow();
    ObjectNode balance = null;
    if (amount > 0) {
      balance =
          ledger.reward(ctx, amount, Origin.automatic(key, null), details, Json.object()).balance();
    } else {
      ledger.lock(ctx);
    }
    return new Given(ctx.voucherJson(), publication, balance);
  }

  private PublishResult.Published publish(
      ProjectId project, Customer customer, Campaign campaign, String key, boolean joinOnce) {
    PublishResult result =
        publications.publish(
            project,
            new PublishRequest(
                campaign.id(), null, customer.id(), 1, joinOnce, null, key, "API", Json.object()));
    if (result instanceof PublishResult.NoCode none) {
      throw ApiException.badRequest(none.reason(), none.message());
    }
    return (PublishResult.Published) result;
  }
}
