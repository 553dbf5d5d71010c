package dev.herald.loyalty;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The only writer of a card's points. Every change locks the card's row, writes one ledger row with
 * the balance after it (so the ledger always sums to the balance), keeps the expiring buckets,
 * moves the member's tier and appends the change's events, all in the caller's transaction. A
 * change repeated under the same {@code source_id} or origin returns the first. Points never go
 * below zero: such a change is refused with 400 {@code loyalty_card_points_exceeded} and changes
 * nothing.
 */
@Component
class Ledger {

  /** A change made (or replayed): the card after it, its ledger row and its balance object. */
  record Applied(
      Card card, CardRepository.Transaction transaction, ObjectNode balance, boolean replayed) {}

  private final CardRepository cards;
  private final BucketRepository expiring;
  private final TierRepository tierRepository;
  private final TierEngine tiers;
  private final LoyaltyReadModel readModel;
  private final EventLog eventLog;
  private final Clock clock;

  Ledger(
      CardRepository cards,
      BucketRepository expiring,
      TierRepository tierRepository,
      TierEngine tiers,
      LoyaltyReadModel readModel,
      EventLog eventLog,
      Clock clock) {
    this.cards = cards;
    this.expiring = expiring;
    this.tierRepository = tierRepository;
    this.tiers = tiers;
    this.readModel = readModel;
    this.eventLog = eventLog;
    this.clock = clock;
  }

  /**
   * The card's row, locked; made on first use with the template's initial points (recorded as a
   * {@code POINTS_ADDITION} so the ledger sums to the balance from the start).
   */
  Card lock(CardContext ctx) {
    Instant now = clock.instant();
    Card fresh =
        new Card(
            ctx.voucher.id(),
            ctx.project,
            ctx.program.id(),
            ctx.voucher.code(),
            ctx.holderId(),
            0,
            0,
            null,
            null,
            now,
            null);
    boolean created = cards.insert(fresh);
    Card card = cards.lock(ctx.voucher.id()).orElseThrow();
    if (ctx.holderId() != null && !ctx.holderId().equals(card.holderId())) {
      cards.setHolder(card.voucherId(), ctx.holderId());
      card = cards.lock(ctx.voucher.id()).orElseThrow();
    }
    long initial = ctx.template().path("points").asLong(0);
    if (created && initial > 0) {
      PointsChange change =
          PointsChange.automatic(
              PointsChange.ADDITION,
              initial,
              Origin.automatic("initial", "Initial points of the card"),
              Json.object());
      card = write(ctx, card, change, now).card();
    } else if (created) {
      card = tiers.evaluate(ctx, card, now);
    }
    return card;
  }

  /** Applies one change; see the class comment. */
  Applied apply(CardContext ctx, PointsChange change) {
    if (ctx.holder == null) {
      throw ApiException.badRequest(
          "invalid_add_balance_params",
          "Loyalty card " + ctx.voucher.code() + " has no holder; publish it to a customer first");
    }
    if (change.points() == 0) {
      throw ApiException.badRequest("invalid_add_balance_params", "points must not be 0");
    }
    Card card = lock(ctx);
    Optional<CardRepository.Transaction> earlier = cards.earlier(card.voucherId(), change.origin());
    if (earlier.isPresent()) {
      CardRepository.Transaction t = earlier.get();
      ObjectNode balance = (ObjectNode) t.details().path("balance");
      return new Applied(card, t, balance.deepCopy(), true);
    }
    if (card.balance() + change.points() < 0) {
      throw ApiException.badRequest(
          "loyalty_card_points_exceeded",
          "Loyalty card "
              + card.code()
              + " has "
              + card.balance()
              + " points, "
              + -change.points()
              + " asked");
    }
    Applied applied = write(ctx, card, change, clock.instant());
    if (change.points() > 0) {
      ObjectNode data = Json.object();
      data.set("customer", ctx.customerJson());
      data.set("campaign", ctx.campaignJson());
      data.set("voucher", ctx.voucherJson());
      data.set("balance", applied.balance());
      data.set("transaction", LoyaltyJson.transaction(applied.transaction()));
      eventLog.append(
          NewEvent.of(
              ctx.project, "customer.voucher.loyalty_card.points_added", ctx.holderId(), data));
    }
    return applied;
  }

  /**
   * Rewards a member with points ({@code POINTS_ACCRUAL}): an earning rule, a referral, a reward of
   * a loyalty program. Besides {@code points_added} it appends {@code
   * customer.rewarded.loyalty_points} with {@code extra} (earning_rule, order, event, ...) once.
   */
  Applied reward(
      CardContext ctx, long points, Origin origin, ObjectNode details, ObjectNode extra) {
    Card before = lock(ctx);
    Applied applied =
        apply(ctx, PointsChange.automatic(PointsChange.ACCRUAL, points, origin, details));
    if (applied.replayed()) {
      return applied;
    }
    ObjectNode data = Json.object();
    data.set("customer", ctx.customerJson());
    data.set("holder", ctx.holderJson());
    data.set("voucher", ctx.voucherJson());
    data.set("campaign", ctx.campaignJson());
    data.set("loyalty_tier", tierJson(before));
    data.set("earning_rule", Json.nullNode());
    data.set("balance", applied.balance());
    data.set("order", Json.nullNode());
    data.set("event", Json.nullNode());
    data.set("publication", Json.nullNode());
    extra.properties().forEach(e -> data.set(e.getKey(), e.getValue()));
    eventLog.append(
        NewEvent.of(ctx.project, "customer.rewarded.loyalty_points", ctx.holderId(), data));
    return applied;
  }

  private tools.jackson.databind.JsonNode tierJson(Card card) {
    return card.tierId() == null
        ? Json.nullNode()
        : tierRepository
            .byId(card.projectId(), card.tierId())
            .map(t -> (tools.jackson.databind.JsonNode) LoyaltyJson.memberTier(t, card))
            .orElse(Json.nullNode());
  }

  private Applied write(CardContext ctx, Card card, PointsChange change, Instant now) {
    long points = change.points();
    if (points > 0) {
      expiry(ctx, change, now)
          .ifPresent(at -> expiring.insertBucket(ctx.project, card, points, at, now));
    } else {
      take(card, -points, now);
    }
    boolean earns = points > 0 && !change.type().equals(PointsChange.REDEMPTION);
    Card after = card.with(card.balance() + points, card.points() + (earns ? points : 0), now);
    cards.update(after);
    ObjectNode balance = LoyaltyJson.balance(after, points, change.operationType());
    ObjectNode details = Json.object();
    details.set("balance", balance);
    if (change.details() != null) {
      change.details().properties().forEach(e -> details.set(e.getKey(), e.getValue()));
    }
    CardRepository.Transaction t =
        cards.insertTransaction(
            ctx.project,
            after,
            change.type(),
            points,
            after.balance(),
            change.origin(),
            details,
            now);
    Card tiered = tiers.evaluate(ctx, after, now);
    readModel.touch(ctx.project, ctx.holderId());
    return new Applied(tiered, t, balance, false);
  }

  private static Optional<Instant> expiry(CardContext ctx, PointsChange change, Instant now) {
    String type = change.expirationType() == null ? "PROGRAM_RULES" : change.expirationType();
    switch (type) {
      case "NON_EXPIRING":
        return Optional.empty();
      case "CUSTOM_DATE":
        return Optional.ofNullable(change.expirationDate());
      default:
        return PointsExpiration.of(ctx.template().path("expiration_rules"), now, ctx.zone);
    }
  }

  /** Takes {@code points} from the buckets that expire soonest, then from non-expiring points. */
  private void take(Card card, long points, Instant now) {
    long left = points;
    for (BucketRepository.Bucket b : expiring.activeBuckets(card.voucherId())) {
      if (left == 0) {
        break;
      }
      long used = Math.min(left, b.remaining());
      long remaining = b.remaining() - used;
      expiring.setRemaining(b.id(), remaining, remaining == 0 ? "USED" : "ACTIVE", now);
      left -= used;
    }
  }

  /** Moves the member to the tier their points qualify for now (after tiers changed). */
  void retier(CardContext ctx) {
    Card card = lock(ctx);
    Card after = tiers.evaluate(ctx, card, clock.instant());
    if (after != card) {
      readModel.touch(ctx.project, ctx.holderId());
    }
  }
}
