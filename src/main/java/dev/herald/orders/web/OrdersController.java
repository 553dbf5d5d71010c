package dev.herald.orders.web;

import dev.herald.orders.OrderInput;
import dev.herald.orders.Orders;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Voucherify's {@code /v1/orders} (reference §2.4). */
@RestController
@RequestMapping("/v1/orders")
class OrdersController {

  private final Orders orders;

  OrdersController(Orders orders) {
    this.orders = orders;
  }

  @PostMapping
  ObjectNode create(ProjectId project, @RequestBody JsonNode body) {
    OrderInput input = OrderInput.from(Body.of(body, "invalid_order"));
    return orders.toJson(orders.upsert(project, input).order());
  }

  @GetMapping("/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return orders.toJson(orders.get(project, id));
  }

  @PutMapping("/{id}")
  ObjectNode update(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    OrderInput input = OrderInput.from(Body.of(body, "invalid_order"));
    return orders.toJson(orders.update(project, id, input));
  }

  @GetMapping
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    String order = q.string("order").orElse("-created_at");
    if (!List.of("created_at", "-created_at").contains(order)) {
      throw QueryParams.invalid("order", "must be created_at or -created_at");
    }
    return orders.list(
        project, q.string("customer").orElse(null), order.equals("created_at"), Page.from(q));
  }
}
