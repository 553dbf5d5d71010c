package dev.herald.customers;

import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Voucherify {@code customer} object. */
final class CustomerJson {

  private CustomerJson() {}

  static ObjectNode full(Customer c, ObjectNode assets) {
    ObjectNode out = Json.object();
    out.put("id", c.id());
    out.put("source_id", c.sourceId());
    out.put("name", c.name());
    out.put("description", c.description());
    out.put("email", c.email());
    out.put("phone", c.phone());
    String birthdate = c.birthdate() == null ? null : c.birthdate().toString();
    out.put("birthday", birthdate);
    out.put("birthdate", birthdate);
    if (c.address() == null) {
      out.putNull("address");
    } else {
      ObjectNode address = Json.object();
      for (String field : CustomerInput.ADDRESS_FIELDS) {
        JsonNode v = c.address().get(field);
        address.set(field, v == null ? Json.nullNode() : v);
      }
      out.set("address", address);
    }
    out.set("summary", merge(defaultSummary(), c.summary()));
    out.set("loyalty", merge(defaultLoyalty(), c.loyalty()));
    out.set("referrals", merge(defaultReferrals(), c.referrals()));
    out.set("metadata", c.metadata());
    out.set("assets", assets);
    out.set("system_metadata", Json.object());
    out.put("created_at", Times.format(c.createdAt()));
    out.put("updated_at", Times.format(c.updatedAt()));
    out.put("object", "customer");
    return out;
  }

  /** The short form events and other objects embed. */
  static ObjectNode brief(Customer c) {
    ObjectNode out = Json.object();
    out.put("id", c.id());
    out.put("source_id", c.sourceId());
    out.put("name", c.name());
    out.put("email", c.email());
    out.set("metadata", c.metadata());
    out.put("object", "customer");
    return out;
  }

  static ObjectNode defaultSummary() {
    ObjectNode redemptions = Json.object();
    for (String k :
        new String[] {
          "total_redeemed",
          "total_failed",
          "total_succeeded",
          "total_rolled_back",
          "total_rollback_failed",
          "total_rollback_succeeded"
        }) {
      redemptions.put(k, 0);
    }
    redemptions.set("gift", Json.object().put("redeemed_amount", 0).put("amount_to_go", 0));
    redemptions.set("loyalty_card", Json.object().put("redeemed_points", 0).put("points_to_go", 0));
    ObjectNode orders =
        Json.object()
            .put("total_amount", 0)
            .put("total_count", 0)
            .put("average_amount", 0)
            .put("last_order_amount", 0);
    orders.putNull("last_order_date");
    ObjectNode summary = Json.object();
    summary.set("redemptions", redemptions);
    summary.set("orders", orders);
    return summary;
  }

  static ObjectNode defaultLoyalty() {
    ObjectNode loyalty = Json.object().put("points", 0).put("referred_customers", 0);
    loyalty.set("campaigns", Json.object());
    return loyalty;
  }

  static ObjectNode defaultReferrals() {
    ObjectNode referrals = Json.object().put("total", 0);
    referrals.set("campaigns", Json.array());
    return referrals;
  }

  /** Deep-merges {@code overlay} onto {@code base} (objects merge, anything else replaces). */
  static ObjectNode merge(ObjectNode base, JsonNode overlay) {
    if (overlay == null || !overlay.isObject()) {
      return base;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = base.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) existing, e.getValue());
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
    return base;
  }
}
