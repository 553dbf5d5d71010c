package dev.herald.loyalty;

import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Voucherify JSON of loyalty objects: balances, transactions, buckets, tiers. */
final class LoyaltyJson {

  private LoyaltyJson() {}

  /** The {@code balance} object of a change: {@code points} changed, {@code balance} after. */
  static ObjectNode balance(Card card, long points, String operationType) {
    ObjectNode out = Json.object();
    out.put("points", points);
    out.put("total", card.points());
    out.put("balance", card.balance());
    out.put("type", "loyalty_card");
    out.put("object", "balance");
    out.set("related_object", Json.object().put("type", "voucher").put("id", card.voucherId()));
    out.put("operation_type", operationType);
    return out;
  }

  static ObjectNode transaction(CardRepository.Transaction t) {
    ObjectNode out = Json.object();
    out.put("id", t.id());
    out.put("source_id", t.sourceId());
    out.put("voucher_id", t.voucherId());
    out.put("campaign_id", t.campaignId());
    out.put("source", t.source());
    out.put("reason", t.reason());
    out.put("type", t.type());
    out.set("details", t.details());
    out.put("related_transaction_id", t.relatedTransactionId());
    out.put("created_at", Times.format(t.createdAt()));
    return out;
  }

  static ObjectNode bucket(BucketRepository.Bucket b) {
    ObjectNode out = Json.object();
    out.put("id", b.id());
    out.put("voucher_id", b.voucherId());
    out.put("campaign_id", b.campaignId());
    out.set("bucket", Json.object().put("total_points", b.remaining()));
    out.put("status", b.status());
    out.put("expires_at", Times.format(b.expiresAt()));
    out.put("created_at", Times.format(b.createdAt()));
    out.put("updated_at", Times.format(b.updatedAt()));
    out.put("object", "loyalty_points_bucket");
    return out;
  }

  /**
   * A card's {@code loyalty_card} value: lifetime {@code points}, {@code balance}, and the next
   * points to expire (date in the project's time zone, as Voucherify shows it).
   */
  static ObjectNode cardValue(
      long points, long balance, List<BucketRepository.Bucket> active, ZoneId zone) {
    ObjectNode out = Json.object().put("points", points).put("balance", balance);
    if (active.isEmpty()) {
      out.putNull("next_expiration_date");
      out.putNull("next_expiration_points");
      return out;
    }
    Instant next = active.get(0).expiresAt();
    long sum = 0;
    for (BucketRepository.Bucket b : active) {
      if (b.expiresAt().atZone(zone).toLocalDate().equals(next.atZone(zone).toLocalDate())) {
        sum += b.remaining();
      }
    }
    out.put("next_expiration_date", next.atZone(zone).toLocalDate().toString());
    out.put("next_expiration_points", sum);
    return out;
  }

  static ObjectNode tier(Tier t) {
    ObjectNode out = Json.object();
    out.put("id", t.id());
    out.put("campaign_id", t.campaignId());
    out.put("name", t.name());
    ObjectNode points = Json.object().put("from", t.from());
    if (t.to() == null) {
      points.putNull("to");
    } else {
      points.put("to", t.to());
    }
    out.set("points", points);
    out.set("config", Json.object().set("points", points.deepCopy()));
    out.set("earning_rules", t.earningRules());
    out.set("rewards", t.rewards());
    out.set("metadata", t.metadata());
    out.put("created_at", Times.format(t.createdAt()));
    out.put("updated_at", Times.format(t.updatedAt()));
    out.put("object", "loyalty_tier");
    return out;
  }

  /** A member's tier: the tier with the member's {@code expiration}. */
  static ObjectNode memberTier(Tier t, Card card) {
    ObjectNode out = tier(t);
    ObjectNode expiration = Json.object();
    expiration.put("customer_id", card.holderId());
    expiration.put("campaign_id", card.campaignId());
    expiration.put("tier_id", t.id());
    expiration.put("expiration_date", Times.format(card.tierExpiresAt()));
    out.set("expiration", expiration);
    return out;
  }

  static JsonNode orNull(JsonNode n) {
    return n == null ? Json.nullNode() : n;
  }
}
