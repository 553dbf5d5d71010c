package dev.herald.campaigns;

import dev.herald.customers.Customer;
import dev.herald.customers.CustomerInput;
import dev.herald.customers.Customers;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.orders.Order;
import dev.herald.orders.OrderInput;
import dev.herald.orders.Orders;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Redeems vouchers and promotion tiers, alone or stacked. Each use is taken with a conditional
 * update (quantity below its limit, balance not below zero), so parallel requests can never overuse
 * a code. A request that fails leaves nothing changed except its FAILED redemption record and
 * {@code customer.redemption.failed}; a success appends {@code customer.redemption.succeeded} per
 * redeemable. Keeps the customer's {@code summary.redemptions}.
 */
@Service
public class Redemptions {

  private final RedemptionEngine engine;
  private final RedemptionRepository redemptions;
  private final VoucherRepository vouchers;
  private final PromotionTierRepository tiers;
  private final TransactionRepository transactions;
  private final RedemptionJson json;
  private final Customers customers;
  private final Orders orders;
  private final EventLog eventLog;
  private final TransactionTemplate tx;
  private final Clock clock;

  Redemptions(
      RedemptionEngine engine,
      RedemptionRepository redemptions,
      VoucherRepository vouchers,
      PromotionTierRepository tiers,
      TransactionRepository transactions,
      RedemptionJson json,
      Customers customers,
      Orders orders,
      EventLog eventLog,
      TransactionTemplate tx,
      Clock clock) {
    this.engine = engine;
    this.redemptions = redemptions;
    this.vouchers = vouchers;
    this.tiers = tiers;
    this.transactions = transactions;
    this.json = json;
    this.customers = customers;
    this.orders = orders;
    this.eventLog = eventLog;
    this.tx = tx;
    this.clock = clock;
  }

  /** A parsed redemption or validation request. */
  record Request(
      List<RedemptionEngine.Target> targets,
      Optional<Body> customer,
      Optional<OrderInput> order,
      JsonNode orderJson,
      String trackingId,
      ObjectNode metadata,
      String channel) {}

  /** Thrown inside the transaction to roll it back; recorded as a failure afterwards. */
  private static final class Rejected extends RuntimeException {
    final RedemptionEngine.Checked checked;
    final String customerId;

    Rejected(RedemptionEngine.Checked checked, String customerId) {
      super(checked.failKey(), null, false, false);
      this.checked = checked;
      this.customerId = customerId;
    }
  }

  static Request parse(Body body, List<RedemptionEngine.Target> targets, String channel) {
    Optional<Body> order = body.object("order");
    return new Request(
        targets,
        body.object("customer"),
        order.map(o -> OrderInput.from(Body.of(o.node(), "invalid_order"))),
        order.map(o -> (JsonNode) o.node()).orElse(null),
        body.string("tracking_id").orElse(null),
        body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
        channel);
  }

  /** Targets of a stackable body: {@code redeemables[1..30]}. */
  static List<RedemptionEngine.Target> redeemables(Body body) {
    List<Body> items =
        body.objects("redeemables").orElseThrow(() -> body.invalid("redeemables", "is required"));
    if (items.isEmpty() || items.size() > 30) {
      throw body.invalid("redeemables", "must hold 1 to 30 items");
    }
    List<RedemptionEngine.Target> out = new ArrayList<>();
    for (Body r : items) {
      String object =
          r.oneOf("object", List.of("voucher", "promotion_tier"))
              .orElseThrow(() -> r.invalid("object", "is required"));
      Long credits = r.object("gift").flatMap(g -> g.integer("credits")).orElse(null);
      if (credits != null && credits <= 0) {
        throw r.invalid("gift.credits", "must be positive");
      }
      out.add(new RedemptionEngine.Target(object, r.requiredString("id"), credits));
    }
    return out;
  }

  /** Redeems; returns the stored rows (parent first when {@code stacked}). */
  List<RedemptionRepository.Row> redeem(ProjectId project, Request request, boolean stacked) {
    try {
      return tx.execute(status -> apply(project, request, stacked));
    } catch (Rejected r) {
      recordFailure(project, request, r);
      ApiException e = ApiException.badRequest(r.checked.failKey(), r.checked.failMessage());
      e.withExtra(
          Json.object().set("error", Json.object().put("message", r.checked.failMessage())));
      throw e;
    }
  }

  private List<RedemptionRepository.Row> apply(
      ProjectId project, Request request, boolean stacked) {
    Customer customer =
        request
            .customer()
            .map(b -> customers.upsert(project, CustomerInput.from(b)).customer())
            .orElse(null);
    String customerId = customer == null ? null : customer.id();
    RedemptionEngine.Plan plan =
        engine.plan(project, request.targets(), customer, request.orderJson(), request.metadata());
    Optional<RedemptionEngine.Checked> failed = plan.firstFailure();
    if (failed.isPresent()) {
      throw new Rejected(failed.get(), customerId);
    }
    Instant now = clock.instant();
    for (RedemptionEngine.Checked c : plan.items()) {
      take(project, c, customerId, now);
    }
    Order order = null;
    if (request.order().isPresent()) {
      order =
          orders
              .upsert(
                  project,
                  request
                      .order()
                      .get()
                      .withCustomer(customerId)
                      .withDiscount(plan.totalDiscount(), "PAID"))
              .order();
    }
    List<RedemptionRepository.Row> rows = new ArrayList<>();
    String parentId = stacked ? Ids.newId("r_") : null;
    if (stacked) {
      rows.add(
          row(
              project,
              parentId,
              null,
              customerId,
              order,
              request,
              "redemption",
              parentId,
              null,
              null,
              plan.totalDiscount(),
              null,
              "SUCCESS",
              null,
              null,
              now));
    }
    for (RedemptionEngine.Checked c : plan.items()) {
      String id = Ids.newId("r_");
      rows.add(
          row(
              project,
              id,
              parentId,
              customerId,
              order,
              request,
              c.target().object(),
              c.voucher() != null ? c.voucher().id() : c.tier().id(),
              c,
              c.campaign(),
              c.discount(),
              c.credits(),
              "SUCCESS",
              null,
              null,
              now));
    }
    for (RedemptionRepository.Row r : rows) {
      redemptions.insert(r);
      if (order != null) {
        order = orders.addRedemption(project, order.id(), r.id(), orderEntry(r, parentId));
      }
    }
    for (RedemptionRepository.Row r : rows) {
      if (!r.relatedObjectType().equals("redemption")) {
        eventLog.append(
            NewEvent.of(
                project, "customer.redemption.succeeded", customerId, json.eventData(r, order)));
      }
    }
    refreshSummary(project, customerId);
    return rows;
  }

  private void take(ProjectId project, RedemptionEngine.Checked c, String customerId, Instant now) {
    if (c.tier() != null) {
      tiers.addRedeemed(c.tier().id(), 1);
      return;
    }
    Voucher v = c.voucher();
    if (!vouchers.takeRedemption(v.id())) {
      throw new Rejected(
          withFailure(c, "quantity_exceeded", "Voucher " + v.code() + " has no redemptions left"),
          customerId);
    }
    if (c.credits() != null) {
      long balance =
          vouchers
              .changeBalance(v.id(), -c.credits(), false, now)
              .orElseThrow(
                  () ->
                      new Rejected(
                          withFailure(
                              c,
                              "gift_amount_exceeded",
                              "Gift card "
                                  + v.code()
                                  + " does not have "
                                  + c.credits()
                                  + " credits"),
                          customerId));
      transactions.insert(
          project, v, null, "CREDITS_REDEMPTION", -c.credits(), balance, null, null, now);
    }
  }

  private static RedemptionEngine.Checked withFailure(
      RedemptionEngine.Checked c, String key, String message) {
    return new RedemptionEngine.Checked(
        c.target(), c.voucher(), c.tier(), c.campaign(), 0, c.credits(), key, message);
  }

  private RedemptionRepository.Row row(
      ProjectId project,
      String id,
      String parentId,
      String customerId,
      Order order,
      Request request,
      String type,
      String objectId,
      RedemptionEngine.Checked c,
      Campaign campaign,
      long amount,
      Long gift,
      String result,
      String failKey,
      String failMessage,
      Instant now) {
    return new RedemptionRepository.Row(
        id,
        project,
        parentId,
        customerId,
        request.trackingId() != null ? request.trackingId() : customerId,
        order == null ? null : order.id(),
        type,
        objectId,
        c != null && c.voucher() != null ? c.voucher().id() : null,
        c != null && c.voucher() != null ? c.voucher().code() : null,
        c != null && c.tier() != null ? c.tier().id() : null,
        campaign == null ? null : campaign.id(),
        amount,
        gift,
        result,
        result.equals("SUCCESS") ? "SUCCEEDED" : "FAILED",
        failKey,
        failMessage,
        request.metadata(),
        Json.object().put("channel_id", request.channel()).put("channel_type", "API"),
        null,
        now);
  }

  private static ObjectNode orderEntry(RedemptionRepository.Row r, String parentId) {
    ObjectNode entry = Json.object();
    entry.put("date", dev.herald.shared.Times.format(r.createdAt()));
    entry.put("related_object_type", r.relatedObjectType());
    entry.put("related_object_id", r.relatedObjectId());
    entry.put("related_object_parent_id", r.campaignId());
    entry.set("stacked", Json.array());
    if (parentId != null && r.id().equals(parentId)) {
      entry.put("related_object_type", "redemption");
    }
    return entry;
  }

  private void recordFailure(ProjectId project, Request request, Rejected r) {
    tx.executeWithoutResult(
        status -> {
          RedemptionEngine.Checked c = r.checked;
          // a customer created by the rolled-back attempt does not exist: record without one
          String customerId =
              r.customerId != null && customers.find(project, r.customerId).isPresent()
                  ? r.customerId
                  : null;
          String objectId =
              c.voucher() != null
                  ? c.voucher().id()
                  : c.tier() != null ? c.tier().id() : c.target().id();
          RedemptionRepository.Row row =
              row(
                  project,
                  Ids.newId("r_"),
                  null,
                  customerId,
                  null,
                  request,
                  c.target().object(),
                  objectId,
                  c,
                  c.campaign(),
                  0,
                  null,
                  "FAILURE",
                  c.failKey(),
                  c.failMessage(),
                  clock.instant());
          redemptions.insert(row);
          eventLog.append(
              NewEvent.of(
                  project, "customer.redemption.failed", customerId, json.eventData(row, null)));
          refreshSummary(project, customerId);
        });
  }

  void refreshSummary(ProjectId project, String customerId) {
    if (customerId == null) {
      return;
    }
    redemptions.lockCustomer(project, customerId);
    RedemptionRepository.Totals t = redemptions.totals(project, customerId);
    ObjectNode r = Json.object();
    r.put("total_redeemed", t.redeemed());
    r.put("total_failed", t.failed());
    r.put("total_succeeded", t.succeeded());
    r.put("total_rolled_back", t.rolledBack());
    r.put("total_rollback_failed", 0);
    r.put("total_rollback_succeeded", t.rolledBack());
    r.set(
        "gift",
        Json.object()
            .put("redeemed_amount", t.giftRedeemed())
            .put("amount_to_go", vouchers.giftBalanceOf(project, customerId)));
    r.set("loyalty_card", Json.object().put("redeemed_points", 0).put("points_to_go", 0));
    customers.setReadModel(project, customerId, "summary", Json.object().set("redemptions", r));
  }

  /** {@code POST /v1/redemptions}: the stackable response. */
  public ObjectNode redeemStackable(ProjectId project, Body body, String channel) {
    Request request = parse(body, redeemables(body), channel);
    List<RedemptionRepository.Row> rows = redeem(project, request, true);
    ObjectNode out = Json.object();
    ArrayNode children = Json.array();
    rows.subList(1, rows.size()).forEach(r -> children.add(json.toJson(r)));
    out.set("redemptions", children);
    out.set("parent_redemption", json.toJson(rows.get(0)));
    out.set(
        "order",
        rows.get(0).orderId() == null
            ? Json.nullNode()
            : orders.toJson(orders.get(project, rows.get(0).orderId())));
    out.set("inapplicable_redeemables", Json.array());
    out.set("skipped_redeemables", Json.array());
    return out;
  }

  /** Legacy single redemption of a voucher or a promotion tier. */
  public ObjectNode redeemOne(
      ProjectId project, String object, String id, Body body, String channel) {
    Long credits = body.object("gift").flatMap(g -> g.integer("credits")).orElse(null);
    Request request =
        parse(body, List.of(new RedemptionEngine.Target(object, id, credits)), channel);
    return json.toJson(redeem(project, request, false).get(0));
  }
}
