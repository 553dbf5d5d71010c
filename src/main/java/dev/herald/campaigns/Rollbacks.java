package dev.herald.campaigns;

import dev.herald.customers.Customers;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.orders.Order;
import dev.herald.orders.Orders;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading redemptions, and rolling them back: the use goes back to the code, gift credits return to
 * the card, a PAID order becomes CANCELED. Once per redemption ({@code already_rolled_back}).
 * Appends {@code customer.redemption.rollback.succeeded} per redeemable rolled back.
 */
@Service
public class Rollbacks {

  private final RedemptionRepository redemptions;
  private final VoucherRepository vouchers;
  private final PromotionTierRepository tiers;
  private final TransactionRepository transactions;
  private final RedemptionJson json;
  private final Redemptions redemptionFacade;
  private final Orders orders;
  private final Customers customers;
  private final EventLog eventLog;
  private final Clock clock;

  Rollbacks(
      RedemptionRepository redemptions,
      VoucherRepository vouchers,
      PromotionTierRepository tiers,
      TransactionRepository transactions,
      RedemptionJson json,
      Redemptions redemptionFacade,
      Orders orders,
      Customers customers,
      EventLog eventLog,
      Clock clock) {
    this.redemptions = redemptions;
    this.vouchers = vouchers;
    this.tiers = tiers;
    this.transactions = transactions;
    this.json = json;
    this.redemptionFacade = redemptionFacade;
    this.orders = orders;
    this.customers = customers;
    this.eventLog = eventLog;
    this.clock = clock;
  }

  @Transactional
  public ObjectNode rollback(
      ProjectId project, String redemptionId, String reason, String trackingId, boolean stacked) {
    RedemptionRepository.Row r =
        redemptions
            .byId(project, redemptionId, true)
            .orElseThrow(() -> ApiException.notFound("redemption", redemptionId));
    if (r.parentId() != null) {
      throw ApiException.badRequest(
          "invalid_rollback_params",
          "Redemption "
              + redemptionId
              + " is part of stacked redemption "
              + r.parentId()
              + "; roll back the parent");
    }
    if (!"SUCCESS".equals(r.result())) {
      throw ApiException.badRequest(
          "invalid_rollback_params", "Redemption " + redemptionId + " did not succeed");
    }
    if (r.rollbackId() != null) {
      throw ApiException.badRequest(
          "already_rolled_back", "Redemption " + redemptionId + " has already been rolled back");
    }
    List<RedemptionRepository.Row> parts =
        r.relatedObjectType().equals("redemption") ? redemptions.children(r.id()) : List.of(r);
    String rollbackId = Ids.newId("rr_");
    Instant now = clock.instant();
    redemptions.markRolledBack(r.id(), rollbackId);
    for (RedemptionRepository.Row part : parts) {
      if (part != r) {
        redemptions.markRolledBack(part.id(), rollbackId);
      }
      giveBack(project, part, now);
    }
    Order order = null;
    if (r.orderId() != null) {
      order = orders.rollbackRedemption(project, r.orderId(), r.id(), rollbackId, r.amount());
    }
    redemptions.insertRollback(
        rollbackId,
        project,
        r.id(),
        reason,
        trackingId,
        r.customerId(),
        r.amount(),
        r.giftAmount(),
        now);
    ObjectNode rollbackJson = rollbackJson(rollbackId, r, reason, trackingId, now);
    for (RedemptionRepository.Row part : parts) {
      ObjectNode data =
          json.eventData(redemptions.byId(project, part.id(), false).orElseThrow(), order);
      data.set("redemption_rollback", rollbackJson);
      eventLog.append(
          NewEvent.of(project, "customer.redemption.rollback.succeeded", r.customerId(), data));
    }
    redemptionFacade.refreshSummary(project, r.customerId());
    if (stacked) {
      ObjectNode out = Json.object();
      out.set("rollbacks", Json.array().add(rollbackJson));
      out.set("parent_rollback", rollbackJson);
      out.set("order", order == null ? Json.nullNode() : orders.toJson(order));
      return out;
    }
    return rollbackJson;
  }

  private void giveBack(ProjectId project, RedemptionRepository.Row part, Instant now) {
    if (part.voucherId() != null) {
      vouchers.giveBackRedemption(part.voucherId());
      if (part.giftAmount() != null && part.giftAmount() > 0) {
        long balance =
            vouchers.changeBalance(part.voucherId(), part.giftAmount(), false, now).orElseThrow();
        Voucher v = vouchers.byIds(List.of(part.voucherId())).get(0);
        transactions.insert(
            project,
            v,
            null,
            "CREDITS_REFUND",
            part.giftAmount(),
            balance,
            null,
            Json.object().put("id", part.id()).put("type", "redemption"),
            now);
      }
    }
    if (part.tierId() != null) {
      tiers.addRedeemed(part.tierId(), -1);
    }
  }

  private ObjectNode rollbackJson(
      String id, RedemptionRepository.Row r, String reason, String trackingId, Instant now) {
    ObjectNode out = json.toJson(r);
    out.put("id", id);
    out.put("object", "redemption_rollback");
    out.put("date", Times.format(now));
    out.put("redemption", r.id());
    out.put("reason", reason);
    out.put("tracking_id", trackingId != null ? trackingId : r.trackingId());
    out.put("result", "SUCCESS");
    out.put("status", "SUCCEEDED");
    out.put("amount", -r.amount());
    if (r.giftAmount() != null) {
      out.set("gift", Json.object().put("amount", r.giftAmount()));
    }
    return out;
  }

  public ObjectNode get(ProjectId project, String id) {
    return json.toJson(
        redemptions
            .byId(project, id, false)
            .orElseThrow(() -> ApiException.notFound("redemption", id)));
  }

  public Map<String, Object> list(
      ProjectId project,
      String result,
      String campaignId,
      String customer,
      Instant after,
      Instant before,
      Page page) {
    String customerId =
        customer == null ? null : customers.find(project, customer).map(c -> c.id()).orElse("none");
    List<ObjectNode> items =
        redemptions
            .list(
                project,
                result,
                campaignId,
                customerId,
                null,
                after,
                before,
                page.fetchSize(),
                page.offset())
            .stream()
            .map(json::toJson)
            .toList();
    return ListResponse.page("redemptions", items, page, null);
  }

  /** {@code GET /v1/vouchers/{code}/redemption}. */
  public ObjectNode ofVoucher(ProjectId project, String code) {
    Voucher v =
        vouchers
            .byCode(project, code, false)
            .orElseThrow(() -> ApiException.notFound("voucher", code));
    ArrayNode entries = Json.array();
    redemptions
        .list(project, null, null, null, v.id(), null, null, 100, 0)
        .forEach(r -> entries.add(json.toJson(r)));
    ObjectNode out = Json.object();
    out.put("object", "list");
    out.put("quantity", v.redemptionQuantity());
    out.put("redeemed_quantity", v.redeemedQuantity());
    out.put("data_ref", "redemption_entries");
    out.set("redemption_entries", entries);
    out.put("total", entries.size());
    return out;
  }
}
