package dev.herald.distributions;

import dev.herald.campaigns.Publications;
import dev.herald.campaigns.PublishRequest;
import dev.herald.campaigns.PublishResult;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a distribution does for a recipient before messaging them: publish a unique code, attach a
 * promotion tier, or nothing beyond the trigger's own data (plain and trigger-specific messages).
 * It adds what it produced to the message variables ({@code voucher}, {@code publication}, {@code
 * campaign}, {@code promotion_tier}), in the caller's transaction.
 */
@Component
class Actions {

  private final Publications publications;

  Actions(Publications publications) {
    this.publications = publications;
  }

  /** The action's result: the code it published, or why the recipient's messages are skipped. */
  record Outcome(String voucherCode, String skipReason) {
    static final Outcome NOTHING = new Outcome(null, null);
  }

  Outcome run(Distribution d, String customerId, String triggerId, ObjectNode data) {
    String type =
        d.action() == null ? "plain_message" : d.action().path("type").asString("plain_message");
    return switch (type) {
      case "publish_code" -> publish(d, customerId, triggerId, data);
      case "notify_promotion" -> promotion(d, data);
      case "published_code_message" ->
          new Outcome(data.path("voucher").path("code").asString(null), null);
      default -> Outcome.NOTHING;
    };
  }

  /**
   * One unique code per (distribution, trigger, customer): a redo returns the same code; an empty
   * pool skips the recipient's messages with {@code no_codes_left} (an AUTO_UPDATE campaign makes a
   * new code instead).
   */
  private Outcome publish(Distribution d, String customerId, String triggerId, ObjectNode data) {
    String campaignId = d.action().path("campaign_id").asString();
    PublishResult result =
        publications.publish(
            d.projectId(),
            PublishRequest.forDistribution(campaignId, customerId, d.id(), triggerId, "Dashboard"));
    if (result instanceof PublishResult.Published published) {
      ObjectNode voucher = published.voucher();
      data.set("voucher", voucher);
      data.set("publication", published.publication());
      publications.campaignJson(d.projectId(), campaignId).ifPresent(c -> data.set("campaign", c));
      return new Outcome(voucher.path("code").asString(null), null);
    }
    PublishResult.NoCode none = (PublishResult.NoCode) result;
    return new Outcome(
        null,
        "no_voucher_suitable_for_publication".equals(none.reason())
            ? "no_codes_left"
            : none.reason());
  }

  private Outcome promotion(Distribution d, ObjectNode data) {
    String tierId = d.action().path("promotion_tier_id").asString();
    Optional<ObjectNode> tier = publications.promotionTierJson(d.projectId(), tierId);
    if (tier.isEmpty()) {
      return new Outcome(null, "promotion_tier_not_found");
    }
    data.set("promotion_tier", tier.get());
    return Outcome.NOTHING;
  }
}
