package dev.herald.loyalty;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves a member between the tiers of their program as their points change or their tier period
 * ends, and appends {@code customer.loyalty.tier.joined|left|upgraded|downgraded|prolonged} — one
 * per transition. The caller holds the card's lock, so each transition is seen once.
 */
@Component
class TierEngine {

  private final TierRepository tiers;
  private final CardRepository cards;
  private final EventLog eventLog;

  TierEngine(TierRepository tiers, CardRepository cards, EventLog eventLog) {
    this.tiers = tiers;
    this.cards = cards;
    this.eventLog = eventLog;
  }

  /** After a change of points: the card in the tier it now belongs to (stored). */
  Card evaluate(CardContext ctx, Card card, Instant now) {
    List<Tier> all = tiers.ofCampaign(card.campaignId());
    Tier current = find(all, card.tierId());
    Tier target = qualifying(all, card.balance());
    if (Objects.equals(id(current), id(target))) {
      return card;
    }
    TierPolicy policy = TierPolicy.of(tiers.tiersExpiration(card.campaignId()));
    boolean up = rank(all, target) > rank(all, current);
    boolean periodOver = card.tierExpiresAt() == null || !now.isBefore(card.tierExpiresAt());
    if (!up && policy.keepsTiers() && current != null && !periodOver) {
      return card; // the member keeps the tier until its period ends
    }
    return move(ctx, card, current, target, policy, now);
  }

  /** When the card's tier period has ended: prolonged, or moved to the tier it qualifies for. */
  Card expire(CardContext ctx, Card card, Instant now) {
    if (card.tierExpiresAt() == null || now.isBefore(card.tierExpiresAt())) {
      return card;
    }
    List<Tier> all = tiers.ofCampaign(card.campaignId());
    Tier current = find(all, card.tierId());
    Tier target = qualifying(all, card.balance());
    TierPolicy policy = TierPolicy.of(tiers.tiersExpiration(card.campaignId()));
    if (current != null && Objects.equals(id(current), id(target)) && policy.keepsTiers()) {
      Instant end = card.tierExpiresAt();
      while (!end.isAfter(now)) {
        end = policy.end(end, ctx.zone);
      }
      Card prolonged = card.withTier(current.id(), end, now);
      cards.update(prolonged);
      ObjectNode data = data(ctx, now);
      data.set("loyalty_tier", LoyaltyJson.memberTier(current, prolonged));
      append(ctx, "customer.loyalty.tier.prolonged", data);
      return prolonged;
    }
    if (Objects.equals(id(current), id(target))) {
      Card cleared = card.withTier(card.tierId(), null, now);
      cards.update(cleared);
      return cleared;
    }
    return move(ctx, card, current, target, policy, now);
  }

  private Card move(
      CardContext ctx, Card card, Tier from, Tier to, TierPolicy policy, Instant now) {
    Instant expires = to != null && policy.keepsTiers() ? policy.end(now, ctx.zone) : null;
    Card moved = card.withTier(to == null ? null : to.id(), expires, now);
    cards.update(moved);
    ObjectNode data = data(ctx, now);
    if (from == null) {
      data.set("loyalty_tier", LoyaltyJson.memberTier(to, moved));
      append(ctx, "customer.loyalty.tier.joined", data);
    } else if (to == null) {
      data.set("loyalty_tier", LoyaltyJson.memberTier(from, card));
      append(ctx, "customer.loyalty.tier.left", data);
    } else {
      data.set("loyalty_tier_from", LoyaltyJson.memberTier(from, card));
      data.set("loyalty_tier_to", LoyaltyJson.memberTier(to, moved));
      boolean up = to.from() > from.from();
      append(ctx, up ? "customer.loyalty.tier.upgraded" : "customer.loyalty.tier.downgraded", data);
    }
    return moved;
  }

  private static ObjectNode data(CardContext ctx, Instant now) {
    ObjectNode data = Json.object();
    data.set("customer", ctx.customerJson());
    data.set("campaign", ctx.campaignJson());
    data.set("voucher", ctx.voucherJson());
    data.put("created_at", Times.format(now));
    return data;
  }

  private void append(CardContext ctx, String type, ObjectNode data) {
    eventLog.append(NewEvent.of(ctx.project, type, ctx.holderId(), data));
  }

  /** The tier whose range holds {@code points}, or null. */
  static Tier qualifying(List<Tier> all, long points) {
    Tier found = null;
    for (Tier t : all) {
      if (t.contains(points)) {
        found = t;
      }
    }
    return found;
  }

  private static Tier find(List<Tier> all, String id) {
    return id == null ? null : all.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  private static int rank(List<Tier> all, Tier t) {
    return t == null ? -1 : all.indexOf(t);
  }

  private static String id(Tier t) {
    return t == null ? null : t.id();
  }
}
