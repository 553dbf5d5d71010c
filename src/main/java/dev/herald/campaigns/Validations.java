package dev.herald.campaigns;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/validations} and the legacy validations: the same decisions as a redemption,
 * answered as {@code valid} true/false without changing anything (the customer is looked up, not
 * created).
 */
@Service
public class Validations {

  private final RedemptionEngine engine;
  private final Customers customers;

  Validations(RedemptionEngine engine, Customers customers) {
    this.engine = engine;
    this.customers = customers;
  }

  @Transactional(readOnly = true)
  public ObjectNode validateStackable(ProjectId project, Body body) {
    Redemptions.Request r = Redemptions.parse(body, Redemptions.redeemables(body), "API");
    RedemptionEngine.Plan plan = plan(project, r);
    ObjectNode out = Json.object();
    boolean valid = plan.firstFailure().isEmpty();
    out.put("valid", valid);
    ArrayNode applicable = Json.array();
    ArrayNode inapplicable = Json.array();
    for (RedemptionEngine.Checked c : plan.items()) {
      ObjectNode item = Json.object();
      item.put("status", c.ok() ? "APPLICABLE" : "INAPPLICABLE");
      item.put("id", c.target().id());
      item.put("object", c.target().object());
      ObjectNode result = Json.object();
      if (c.ok()) {
        if (c.credits() != null) {
          result.set("gift", Json.object().put("credits", c.credits()));
        } else {
          ObjectNode discount =
              c.voucher() != null && c.voucher().discount() != null
                  ? (ObjectNode) c.voucher().discount().deepCopy()
                  : c.tier() != null
                      ? (ObjectNode) c.tier().action().path("discount").deepCopy()
                      : Json.object();
          result.set("discount", discount);
        }
        item.set("order", orderJson(plan, c.discount() + (c.credits() == null ? 0 : c.credits())));
        applicable.add(item);
      } else {
        ObjectNode error =
            Json.object().put("code", 400).put("key", c.failKey()).put("message", c.failMessage());
        error.set("error", Json.object().put("message", c.failMessage()));
        result.set("error", error);
        inapplicable.add(item);
      }
      item.set("result", result);
    }
    out.set("redeemables", valid ? applicable : Json.array());
    out.set("inapplicable_redeemables", inapplicable);
    out.set("skipped_redeemables", valid ? Json.array() : applicable);
    out.set("order", orderJson(plan, plan.totalDiscount()));
    out.put("tracking_id", r.trackingId());
    out.set("stacking_rules", Json.object().put("redeemables_limit", 30));
    return out;
  }

  /** Legacy {@code POST /v1/vouchers/{code}/validate}. */
  @Transactional(readOnly = true)
  public ObjectNode validateVoucher(ProjectId project, String code, Body body) {
    Long credits = body.object("gift").flatMap(g -> g.integer("credits")).orElse(null);
    Redemptions.Request r =
        Redemptions.parse(
            body, List.of(new RedemptionEngine.Target("voucher", code, credits)), "API");
    RedemptionEngine.Plan plan = plan(project, r);
    RedemptionEngine.Checked c = plan.items().get(0);
    ObjectNode out = Json.object().put("valid", c.ok()).put("code", code);
    if (c.ok()) {
      out.set(
          "discount", c.voucher().discount() == null ? Json.nullNode() : c.voucher().discount());
      if (c.credits() != null) {
        out.set(
            "gift",
            Json.object()
                .put("amount", c.voucher().giftAmount())
                .put("balance", c.voucher().giftBalance())
                .put("credits", c.credits()));
      }
      out.set("order", orderJson(plan, plan.totalDiscount()));
    } else {
      out.put("reason", c.failMessage());
      out.put("key", c.failKey());
      out.set("error", Json.object().put("message", c.failMessage()));
    }
    out.put("tracking_id", r.trackingId());
    return out;
  }

  private RedemptionEngine.Plan plan(ProjectId project, Redemptions.Request r) {
    Customer customer =
        r.customer()
            .flatMap(b -> b.string("id").or(() -> b.string("source_id")))
            .flatMap(ref -> customers.find(project, ref))
            .orElse(null);
    return engine.plan(project, r.targets(), customer, r.orderJson(), r.metadata());
  }

  private static ObjectNode orderJson(RedemptionEngine.Plan plan, long discount) {
    ObjectNode order = Json.object();
    order.put("amount", plan.orderAmount());
    order.put("discount_amount", discount);
    order.put("total_discount_amount", discount);
    order.put("total_amount", plan.orderAmount() - discount);
    order.put("applied_discount_amount", discount);
    order.put("total_applied_discount_amount", discount);
    order.put("object", "order");
    return order;
  }
}
