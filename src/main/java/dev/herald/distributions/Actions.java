package dev.herald.distributions;

import dev.herald.campaigns.KnownCustomer;
import dev.herald.campaigns.Publications;
import dev.herald.campaigns.PublishRequest;
import dev.herald.campaigns.PublishResult;
import dev.herald.messaging.SnapshotBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a distribution does for its recipients before messaging them: publish a unique code each,
 * attach a promotion tier, or nothing beyond the trigger's own data (plain and trigger-specific
 * messages). It adds what it produced to each recipient's message variables ({@code voucher},
 * {@code publication}, {@code campaign}, {@code promotion_tier}), in the caller's transaction, for
 * a whole batch at once.
 */
@Component
class Actions {

  private final Publications publications;

  Actions(Publications publications) {
    this.publications = publications;
  }

  /**
   * One recipient's result: the code it published, or why their messages are skipped; and the event
   * whose data objects the recipient's variables share (the publication's), or null.
   */
  record Outcome(String voucherCode, String skipReason, SnapshotBase base) {
    static final Outcome NOTHING = new Outcome(null, null, null);

    Outcome(String voucherCode, String skipReason) {
      this(voucherCode, skipReason, null);
    }
  }

  /**
   * Runs the action for each (customer, data) of a batch; outcomes in the same order. {@code known}
   * holds the customers the caller read in this transaction (by id), so they are not read again.
   */
  List<Outcome> run(
      Distribution d,
      List<String> customerIds,
      String triggerId,
      List<ObjectNode> data,
      Map<String, KnownCustomer> known) {
    String type =
        d.action() == null ? "plain_message" : d.action().path("type").asString("plain_message");
    return switch (type) {
      case "publish_code" -> publish(d, customerIds, triggerId, data, known);
      case "notify_promotion" -> promotion(d, data);
      case "published_code_message" ->
          data.stream()
              .map(v -> new Outcome(v.path("voucher").path("code").asString(null), null))
              .toList();
      default -> data.stream().map(v -> Outcome.NOTHING).toList();
    };
  }

  /**
   * One unique code per (distribution, trigger, customer), reserved for the batch with one query: a
   * redo returns the same code; an empty pool skips the recipient's messages with {@code
   * no_codes_left} (an AUTO_UPDATE campaign makes new codes instead).
   */
  private List<Outcome> publish(
      Distribution d,
      List<String> customerIds,
      String triggerId,
      List<ObjectNode> data,
      Map<String, KnownCustomer> known) {
    String campaignId = d.action().path("campaign_id").asString();
    List<PublishRequest> requests = new ArrayList<>(customerIds.size());
    for (String customerId : customerIds) {
      requests.add(
          PublishRequest.forDistribution(campaignId, customerId, d.id(), triggerId, "Dashboard"));
    }
    List<PublishResult> results = publications.publishAll(d.projectId(), requests, known);
    Optional<ObjectNode> campaign = Optional.empty();
    List<Outcome> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) instanceof PublishResult.Published published) {
        ObjectNode v = published.voucher();
        ObjectNode target = data.get(i);
        target.set("voucher", v);
        target.set("publication", published.publication());
        if (published.event() != null) {
          out.add(new Outcome(v.path("code").asString(null), null, shared(published, target)));
          continue;
        }
        if (campaign.isEmpty()) {
          campaign = publications.campaignJson(d.projectId(), campaignId);
        }
        campaign.ifPresent(c -> target.set("campaign", c));
        out.add(new Outcome(v.path("code").asString(null), null));
      } else {
        PublishResult.NoCode none = (PublishResult.NoCode) results.get(i);
        out.add(
            new Outcome(
                null,
                "no_voucher_suitable_for_publication".equals(none.reason())
                    ? "no_codes_left"
                    : none.reason()));
      }
    }
    return out;
  }

  /**
   * Gives the recipient's variables the publication event's own objects — its campaign, and its
   * customer where it is the same as theirs — so the message can store them by reference to it.
   */
  private static SnapshotBase shared(PublishResult.Published published, ObjectNode target) {
    ObjectNode event = published.event().data();
    target.set("campaign", event.get("campaign"));
    if (event.get("customer") != null && event.get("customer").equals(target.get("customer"))) {
      target.set("customer", event.get("customer"));
    }
    return new SnapshotBase(published.event().seq(), event);
  }

  private List<Outcome> promotion(Distribution d, List<ObjectNode> data) {
    String tierId = d.action().path("promotion_tier_id").asString();
    Optional<ObjectNode> tier = publications.promotionTierJson(d.projectId(), tierId);
    List<Outcome> out = new ArrayList<>(data.size());
    for (ObjectNode v : data) {
      if (tier.isEmpty()) {
        out.add(new Outcome(null, "promotion_tier_not_found"));
      } else {
        v.set("promotion_tier", tier.get());
        out.add(Outcome.NOTHING);
      }
    }
    return out;
  }
}
