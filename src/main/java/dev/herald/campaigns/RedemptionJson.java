package dev.herald.campaigns;

import dev.herald.customers.Customers;
import dev.herald.orders.Order;
import dev.herald.orders.Orders;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** The Voucherify {@code redemption} object and the data of redemption events. */
@Component
class RedemptionJson {

  private final VoucherRepository vouchers;
  private final CampaignRepository campaigns;
  private final PromotionTierRepository tiers;
  private final VoucherJson voucherJson;
  private final PromotionTiers tierFacade;
  private final Customers customers;
  private final Orders orders;

  RedemptionJson(
      VoucherRepository vouchers,
      CampaignRepository campaigns,
      PromotionTierRepository tiers,
      VoucherJson voucherJson,
      PromotionTiers tierFacade,
      Customers customers,
      Orders orders) {
    this.vouchers = vouchers;
    this.campaigns = campaigns;
    this.tiers = tiers;
    this.voucherJson = voucherJson;
    this.tierFacade = tierFacade;
    this.customers = customers;
    this.orders = orders;
  }

  ObjectNode toJson(RedemptionRepository.Row r) {
    ObjectNode out = Json.object();
    out.put("id", r.id());
    out.put("object", "redemption");
    out.put("date", Times.format(r.createdAt()));
    out.put("customer_id", r.customerId());
    out.put("tracking_id", r.trackingId());
    out.set("metadata", r.metadata());
    out.put("amount", r.amount());
    out.put("redemption", r.parentId());
    out.put("result", r.result());
    out.put("status", r.status());
    out.put("failure_code", r.failureCode());
    out.put("failure_message", r.failureMessage());
    out.set(
        "order",
        r.orderId() == null
            ? Json.nullNode()
            : orders
                .find(r.projectId(), r.orderId())
                .map(o -> (tools.jackson.databind.JsonNode) orders.toJson(o))
                .orElse(Json.nullNode()));
    out.set("channel", r.channel() == null ? Json.nullNode() : r.channel());
    out.set(
        "customer",
        r.customerId() == null
            ? Json.nullNode()
            : customers
                .find(r.projectId(), r.customerId())
                .map(c -> (tools.jackson.databind.JsonNode) customers.toBriefJson(c))
                .orElse(Json.nullNode()));
    out.put("related_object_type", r.relatedObjectType());
    out.put("related_object_id", r.relatedObjectId());
    if (r.voucherId() != null) {
      vouchers.byIds(java.util.List.of(r.voucherId())).stream()
          .findFirst()
          .ifPresent(v -> out.set("voucher", voucherJson.toJson(v)));
    }
    if (r.tierId() != null) {
      tiers
          .byId(r.projectId(), r.tierId())
          .ifPresent(t -> out.set("promotion_tier", tierFacade.toJson(t)));
    }
    if (r.giftAmount() != null) {
      out.set("gift", Json.object().put("amount", r.giftAmount()));
    }
    return out;
  }

  /** {@code customer, order, campaign, voucher, promotion_tier, redemption} of an event. */
  ObjectNode eventData(RedemptionRepository.Row r, Order order) {
    ObjectNode data = Json.object();
    data.set(
        "customer",
        r.customerId() == null
            ? Json.nullNode()
            : customers
                .find(r.projectId(), r.customerId())
                .map(c -> (tools.jackson.databind.JsonNode) customers.toJson(c))
                .orElse(Json.nullNode()));
    data.set("order", order == null ? Json.nullNode() : orders.toJson(order));
    data.set(
        "campaign",
        r.campaignId() == null
            ? Json.nullNode()
            : campaigns
                .byId(r.campaignId())
                .map(
                    c ->
                        (tools.jackson.databind.JsonNode)
                            Json.object()
                                .put("id", c.id())
                                .put("name", c.name())
                                .put("campaign_type", c.campaignType())
                                .put("object", "campaign"))
                .orElse(Json.nullNode()));
    ObjectNode redemption = toJson(r);
    data.set("voucher", redemption.has("voucher") ? redemption.get("voucher") : Json.nullNode());
    data.set(
        "promotion_tier",
        redemption.has("promotion_tier") ? redemption.get("promotion_tier") : Json.nullNode());
    data.set("holder", Json.nullNode());
    data.set("redemption", redemption);
    return data;
  }
}
