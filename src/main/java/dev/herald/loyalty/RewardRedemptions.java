package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.PublishResult;
import dev.herald.customers.Customer;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.orders.Order;
import dev.herald.orders.OrderInput;
import dev.herald.orders.Orders;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A member exchanges points for a reward ({@code POST /v1/loyalties/{id}/members/{code}/
 * redemption}). One transaction holds the card's lock: the cost is checked against the balance and
 * deducted ({@code POINTS_REDEMPTION}), the stock taken, and the reward given — a code published
 * from the reward's campaign (with credits or points when the reward says so), a discount on the
 * order for COIN, nothing more for MATERIAL. If any step fails nothing changes; parallel
 * redemptions never take the balance below zero. Appends {@code
 * customer.reward_redemptions.completed} and {@code customer.rewarded}.
 */
@Service
public class RewardRedemptions {

  private final CardContexts contexts;
  private final Ledger ledger;
  private final RewardRepository rewards;
  private final TierRepository tiers;
  private final RewardGiver giver;
  private final Orders orders;
  private final EventLog eventLog;
  private final Clock clock;

  RewardRedemptions(
      CardContexts contexts,
      Ledger ledger,
      RewardRepository rewards,
      TierRepository tiers,
      RewardGiver giver,
      Orders orders,
      EventLog eventLog,
      Clock clock) {
    this.contexts = contexts;
    this.ledger = ledger;
    this.rewards = rewards;
    this.tiers = tiers;
    this.giver = giver;
    this.orders = orders;
    this.eventLog = eventLog;
    this.clock = clock;
  }

  /** What was exchanged: points, a COIN discount, the code given and the order. */
  private record Exchange(long points, long discount, PublishResult.Published code, Order order) {}

  @Transactional
  public ObjectNode redeem(ProjectId project, String programRef, String code, Body body) {
    CardContext ctx = contexts.member(project, programRef, code);
    if (ctx.holder == null) {
      throw ApiException.badRequest(
          "invalid_add_balance_params", "Loyalty card " + code + " has no holder");
    }
    Body rewardBody =
        body.object("reward")
            .orElseThrow(() -> ApiException.badRequest("missing_reward", "reward is required"));
    RewardRepository.Assignment assignment = assignmentOf(project, ctx.program, rewardBody);
    RewardRepository.Reward reward =
        rewards
            .byId(project, assignment.rewardId())
            .orElseThrow(() -> ApiException.notFound("reward", assignment.rewardId()));
    Card card = ledger.lock(ctx);
    Tier tier = card.tierId() == null ? null : tiers.byId(project, card.tierId()).orElse(null);
    String id = Ids.newId("r_");
    Instant now = clock.instant();
    long points = RewardAssignments.cost(reward, assignment, tier);
    long discount = 0;
    if (reward.type().equals("COIN")) {
      long[] coin = coin(reward, rewardBody, body, card.balance());
      points = coin[0];
      discount = coin[1];
    }
    ObjectNode balance = charge(ctx, card, reward, id, points);
    PublishResult.Published given =
        reward.type().equals("CAMPAIGN") ? giver.give(ctx, reward, id) : null;
    Order order = reward.type().equals("COIN") ? order(project, ctx.holder, body, discount) : null;
    rewards.insertRedemption(
        id,
        card,
        ctx.holderId(),
        reward,
        assignment,
        points,
        discount,
        given == null ? null : given.voucher().path("id").asString(),
        given == null ? null : given.publication().path("id").asString(),
        order == null ? null : order.id(),
        body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
        now);
    Exchange exchange = new Exchange(points, discount, given, order);
    ObjectNode redemption = redemptionJson(ctx, id, reward, assignment, tier, exchange, body, now);
    events(ctx, id, reward, assignment, exchange, balance, redemption, now);
    return redemption;
  }

  /**
   * Takes the reward's stock and the points (a {@code POINTS_REDEMPTION}); 400 and nothing taken
   * when either is short. The card's balance object after it.
   */
  private ObjectNode charge(
      CardContext ctx, Card card, RewardRepository.Reward reward, String id, long points) {
    if (points > card.balance()) {
      throw ApiException.badRequest(
          "loyalty_card_points_exceeded",
          "Loyalty card "
              + card.code()
              + " has "
              + card.balance()
              + " points, "
              + points
              + " needed");
    }
    if (!rewards.take(reward.id())) {
      throw ApiException.badRequest(
          "quantity_exceeded", "Reward " + reward.name() + " is out of stock");
    }
    if (points == 0) {
      return LoyaltyJson.balance(card, 0, "AUTOMATIC");
    }
    ObjectNode details = Json.object();
    details.set("reward", Json.object().put("id", reward.id()).put("name", reward.name()));
    details.set("redemption", Json.object().put("id", id));
    return ledger
        .apply(
            ctx,
            new PointsChange(
                PointsChange.REDEMPTION,
                -points,
                Origin.automatic("reward-redemption:" + id, null),
                null,
                null,
                details,
                "AUTOMATIC"))
        .balance();
  }

  private RewardRepository.Assignment assignmentOf(
      ProjectId project, Campaign program, Body rewardBody) {
    Optional<String> assignmentId =
        rewardBody
            .string("assignment_id")
            .or(() -> rewardBody.string("id").filter(x -> x.startsWith("rewa_")));
    if (assignmentId.isPresent()) {
      return rewards
          .assignment(project, assignmentId.get())
          .filter(a -> a.campaignId().equals(program.id()))
          .orElseThrow(() -> ApiException.notFound("reward_assignment", assignmentId.get()));
    }
    String rewardId = rewardBody.requiredString("id");
    return rewards
        .assignmentOf(rewardId, program.id())
        .filter(a -> a.projectId().equals(project))
        .orElseThrow(() -> ApiException.notFound("reward", rewardId));
  }

  /**
   * COIN: {@code [points used, discount]}. The member pays {@code reward.points} (or as many as the
   * order needs, up to the balance); each {@code points_ratio} points are worth {@code
   * exchange_ratio} cents, and the discount never exceeds the order amount.
   */
  private static long[] coin(
      RewardRepository.Reward reward, Body rewardBody, Body body, long balance) {
    Body order =
        body.object("order")
            .orElseThrow(() -> body.invalid("order", "is required for a COIN reward"));
    long amount = order.integer("amount").orElseThrow(() -> order.invalid("amount", "is required"));
    if (amount < 1) {
      throw order.invalid("amount", "must be positive");
    }
    JsonNode coin = reward.parameters().path("coin");
    double exchange = coin.path("exchange_ratio").asDouble(1);
    long ratio = coin.path("points_ratio").asLong(1);
    long needed = (long) Math.ceil(amount * ratio / exchange);
    Optional<Long> asked = rewardBody.integer("points");
    if (asked.isPresent() && asked.get() < 1) {
      throw rewardBody.invalid("points", "must be at least 1");
    }
    long points = Math.min(needed, asked.orElse(Math.min(balance, needed)));
    if (points < 1) {
      throw ApiException.badRequest("loyalty_card_points_exceeded", "The card has no points");
    }
    long discount = Math.min(amount, (long) Math.floor(points * exchange / ratio));
    return new long[] {points, discount};
  }

  private Order order(ProjectId project, Customer customer, Body body, long discount) {
    Body o = body.object("order").orElseThrow();
    OrderInput input =
        OrderInput.from(Body.of(o.node(), "invalid_order"))
            .withCustomer(customer.id())
            .withDiscount(discount, "PAID");
    return orders.upsert(project, input).order();
  }

  private ObjectNode redemptionJson(
      CardContext ctx,
      String id,
      RewardRepository.Reward reward,
      RewardRepository.Assignment assignment,
      Tier tier,
      Exchange exchange,
      Body body,
      Instant now) {
    ObjectNode out = Json.object();
    out.put("id", id);
    out.put("object", "redemption");
    out.put("date", Times.format(now));
    out.put("customer_id", ctx.holderId());
    out.put("tracking_id", ctx.holder.sourceId() != null ? ctx.holder.sourceId() : ctx.holderId());
    out.set("metadata", body.metadata("metadata").map(m -> (JsonNode) m).orElse(Json.object()));
    out.put("amount", exchange.discount());
    out.putNull("redemption");
    out.put("result", "SUCCESS");
    out.put("status", "SUCCEEDED");
    out.set("order", exchange.order() == null ? Json.nullNode() : orders.toJson(exchange.order()));
    out.set("channel", Json.object().put("channel_type", "API"));
    out.set("customer", ctx.holderJson());
    out.put("related_object_type", "voucher");
    out.put("related_object_id", ctx.voucher.id());
    out.set("voucher", ctx.voucherJson());
    out.set("loyalty_card", Json.object().put("points", exchange.points()));
    ObjectNode rewardJson = Rewards.toJson(reward);
    rewardJson.put("assignment_id", assignment.id());
    rewardJson.put("loyalty_tier_id", tier == null ? null : tier.id());
    if (exchange.code() != null) {
      rewardJson.set("voucher", exchange.code().voucher());
    }
    if (reward.type().equals("MATERIAL")) {
      rewardJson.set("product", reward.parameters().path("product"));
    }
    out.set("reward", rewardJson);
    return out;
  }

  private void events(
      CardContext ctx,
      String id,
      RewardRepository.Reward reward,
      RewardRepository.Assignment assignment,
      Exchange exchange,
      ObjectNode balance,
      ObjectNode redemption,
      Instant now) {
    ObjectNode rewardRedemption = Json.object();
    rewardRedemption.put("id", id);
    rewardRedemption.put("object", "reward_redemption");
    rewardRedemption.put("status", "COMPLETED");
    rewardRedemption.put("points", exchange.points());
    rewardRedemption.put("reward_id", reward.id());
    rewardRedemption.put("assignment_id", assignment.id());
    rewardRedemption.put("created_at", Times.format(now));
    ObjectNode completed = Json.object();
    completed.set("customer", ctx.customerJson());
    completed.set("holder", ctx.holderJson());
    completed.set("voucher", redemption.get("voucher"));
    completed.set("campaign", ctx.campaignJson());
    completed.set("reward_redemption", rewardRedemption);
    completed.set("reward", redemption.get("reward"));
    completed.set("reward_assignment", RewardAssignments.assignmentJson(assignment));
    completed.set("source", Json.object().put("object", "voucher").put("id", ctx.voucher.id()));
    completed.set("balance", balance);
    completed.set(
        "publication", exchange.code() == null ? Json.nullNode() : exchange.code().publication());
    eventLog.append(
        NewEvent.of(
            ctx.project, "customer.reward_redemptions.completed", ctx.holderId(), completed));
    ObjectNode rewarded = Json.object();
    rewarded.set("customer", ctx.customerJson());
    rewarded.set("holder", ctx.holderJson());
    rewarded.set("voucher", redemption.get("voucher"));
    rewarded.set("campaign", ctx.campaignJson());
    rewarded.set("redemption", redemption);
    rewarded.set("reward", redemption.get("reward"));
    rewarded.set("referral_tier", Json.nullNode());
    rewarded.set("balance", balance);
    rewarded.set("custom_event", Json.nullNode());
    rewarded.set("customer_event", Json.nullNode());
    eventLog.append(NewEvent.of(ctx.project, "customer.rewarded", ctx.holderId(), rewarded));
  }
}
