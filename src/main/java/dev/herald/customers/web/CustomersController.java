package dev.herald.customers.web;

import dev.herald.customers.Customer;
import dev.herald.customers.CustomerInput;
import dev.herald.customers.CustomerListFilter;
import dev.herald.customers.CustomerQuery;
import dev.herald.customers.Customers;
import dev.herald.eventlog.ActivityQuery;
import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.StreamFilter;
import dev.herald.projects.ProjectId;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Voucherify's {@code /v1/customers} (reference §2.1). */
@RestController
@RequestMapping("/v1/customers")
class CustomersController {

  private static final List<String> ORDERS =
      List.of("created_at", "-created_at", "updated_at", "-updated_at");

  private final Customers customers;
  private final EventLog eventLog;
  private final List<CustomerListFilter> listFilters;

  CustomersController(
      Customers customers, EventLog eventLog, ObjectProvider<CustomerListFilter> listFilters) {
    this.customers = customers;
    this.eventLog = eventLog;
    this.listFilters = listFilters.orderedStream().toList();
  }

  @PostMapping
  ObjectNode create(ProjectId project, @RequestBody JsonNode body) {
    CustomerInput input = CustomerInput.from(Body.of(body, "invalid_customer"));
    return customers.toJson(customers.upsert(project, input).customer());
  }

  @GetMapping("/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return customers.toJson(customers.get(project, id));
  }

  @PutMapping("/{id}")
  ObjectNode update(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    CustomerInput input = CustomerInput.from(Body.of(body, "invalid_customer"));
    return customers.toJson(customers.update(project, id, input));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(ProjectId project, @PathVariable String id) {
    customers.delete(project, id);
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/{id}/consents")
  ResponseEntity<Void> consents(
      ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    customers.updateConsents(project, id, Body.of(body, "invalid_payload"));
    return ResponseEntity.noContent().build();
  }

  @GetMapping
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    Page page = Page.from(q);
    String order = q.string("order").orElse("-created_at");
    if (!ORDERS.contains(order)) {
      throw QueryParams.invalid("order", "must be one of " + String.join(", ", ORDERS));
    }
    CustomerQuery query =
        new CustomerQuery(
            q.string("email").orElse(null),
            q.string("name").orElse(null),
            q.string("city").orElse(null),
            q.instant("created_at", "before").orElse(null),
            q.instant("created_at", "after").orElse(null),
            q.instant("updated_at", "before").orElse(null),
            q.instant("updated_at", "after").orElse(null),
            q.instant("starting_after").orElse(null),
            !order.startsWith("-"),
            order.replace("-", ""),
            listConditions(project, q));
    int offset = query.startingAfter() == null ? page.offset() : 0;
    List<Customer> fetched = customers.list(project, query, page.fetchSize(), offset);
    List<ObjectNode> items = fetched.stream().map(customers::toJson).toList();
    return ListResponse.page("customers", items, page, customers.count(project, query));
  }

  /** Conditions of other modules' filters ({@code segment_id}) present in the query. */
  private List<CustomerListFilter.Condition> listConditions(ProjectId project, QueryParams q) {
    List<CustomerListFilter.Condition> out = new ArrayList<>();
    for (CustomerListFilter filter : listFilters) {
      q.string(filter.parameter())
          .ifPresent(value -> out.add(filter.condition(project, value, "customer.id")));
    }
    return out;
  }

  @GetMapping({"/{id}/activity", "/{id}/activities"})
  Map<String, Object> activity(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    Customer customer = customers.get(project, id);
    QueryParams q = QueryParams.of(request);
    String order = q.string("order").orElse("-created_at");
    if (!List.of("created_at", "-created_at").contains(order)) {
      throw QueryParams.invalid("order", "must be created_at or -created_at");
    }
    ActivityQuery query =
        new ActivityQuery(
            q.integer("limit", 1, 100).orElse(10),
            order.equals("created_at"),
            q.string("starting_after_id").orElse(null));
    StreamFilter filter =
        new StreamFilter(
            null,
            customer.id(),
            q.string("type").map(List::of).orElse(List.of()),
            q.instant("start_date").orElse(null),
            q.instant("end_date").orElse(null));
    EventLog.ActivityPage page = eventLog.activity(project, filter, query);
    List<ObjectNode> items = page.events().stream().map(CustomersController::activityItem).toList();
    Map<String, Object> out = ListResponse.of("data", items, null, page.hasMore());
    out.put(
        "more_starting_after",
        page.hasMore() ? page.events().get(page.events().size() - 1).id() : null);
    return out;
  }

  private static ObjectNode activityItem(Event e) {
    ObjectNode item = Json.object();
    item.put("id", e.id());
    item.put("type", e.type());
    item.set("data", e.data());
    item.put("created_at", Times.format(e.createdAt()));
    item.put("group_id", e.groupId());
    return item;
  }
}
