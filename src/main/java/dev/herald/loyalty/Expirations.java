package dev.herald.loyalty;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the passing of time does to a card, under the card's lock: due points leave the balance (one
 * {@code POINTS_EXPIRATION} and one {@code customer.voucher.loyalty_card.points_expired} per card
 * and run) and tier periods end. Run by {@link ExpirySweep}.
 */
@Component
class Expirations {

  private final Ledger ledger;
  private final CardRepository cards;
  private final BucketRepository expiring;
  private final TierEngine tiers;
  private final LoyaltyReadModel readModel;
  private final EventLog eventLog;

  Expirations(
      Ledger ledger,
      CardRepository cards,
      BucketRepository expiring,
      TierEngine tiers,
      LoyaltyReadModel readModel,
      EventLog eventLog) {
    this.ledger = ledger;
    this.cards = cards;
    this.expiring = expiring;
    this.tiers = tiers;
    this.readModel = readModel;
    this.eventLog = eventLog;
  }

  /**
   * Expires the card's points that are due at {@code now}: one {@code POINTS_EXPIRATION} row for
   * all of them and one {@code customer.voucher.loyalty_card.points_expired}. Returns the points
   * expired (0 when none were due).
   */
  long expireDue(CardContext ctx, Instant now) {
    Card card = ledger.lock(ctx);
    Expired expired = expireBuckets(card, now);
    if (expired == null) {
      return 0;
    }
    if (ctx.holder != null) {
      ObjectNode data = Json.object();
      data.set("customer", ctx.customerJson());
      data.set("campaign", ctx.campaignJson());
      data.set("voucher", ctx.voucherJson());
      data.put("points", expired.points());
      data.set("buckets", expired.buckets());
      data.set("transaction", LoyaltyJson.transaction(expired.transaction()));
      eventLog.append(
          NewEvent.of(
              ctx.project, "customer.voucher.loyalty_card.points_expired", ctx.holderId(), data));
    }
    tiers.evaluate(ctx, expired.card(), now);
    readModel.touch(ctx.project, ctx.holderId());
    return expired.points();
  }

  /**
   * A card whose code or program was deleted: its due points still leave the balance (the ledger
   * keeps summing to it) and its tier period ends, without events.
   */
  void expireOrphan(String voucherId, Instant now) {
    cards
        .lock(voucherId)
        .ifPresent(
            card -> {
              expireBuckets(card, now);
              cards
                  .lock(voucherId)
                  .filter(c -> c.tierExpiresAt() != null && !now.isBefore(c.tierExpiresAt()))
                  .ifPresent(c -> cards.update(c.withTier(c.tierId(), null, now)));
            });
  }

  private record Expired(
      Card card, long points, ArrayNode buckets, CardRepository.Transaction transaction) {}

  private Expired expireBuckets(Card card, Instant now) {
    List<BucketRepository.Bucket> due = new ArrayList<>();
    long points = 0;
    for (BucketRepository.Bucket b : expiring.activeBuckets(card.voucherId())) {
      if (!b.expiresAt().isAfter(now)) {
        due.add(b);
        points += b.remaining();
      }
    }
    if (due.isEmpty()) {
      return null;
    }
    ArrayNode buckets = Json.array();
    for (BucketRepository.Bucket b : due) {
      buckets.add(LoyaltyJson.bucket(b));
      expiring.setRemaining(b.id(), 0, "EXPIRED", now);
    }
    Card after = card.with(card.balance() - points, card.points(), now);
    cards.update(after);
    ObjectNode balance = LoyaltyJson.balance(after, -points, "AUTOMATIC");
    ObjectNode details = Json.object();
    details.set("balance", balance);
    details.set("buckets", buckets);
    CardRepository.Transaction t =
        cards.insertTransaction(
            card.projectId(),
            after,
            PointsChange.EXPIRATION,
            -points,
            after.balance(),
            Origin.automatic("expiry:" + due.get(0).id(), "Points expired"),
            details,
            now);
    return new Expired(after, points, buckets, t);
  }

  /** Ends the member's tier period if it is over (prolonged or moved down). */
  void expireTier(CardContext ctx, Instant now) {
    Card card = ledger.lock(ctx);
    Card after = tiers.expire(ctx, card, now);
    if (after != card) {
      readModel.touch(ctx.project, ctx.holderId());
    }
  }
}
