package dev.herald.segments;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.shared.json.Json;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends {@code customer.segment.entered} / {@code customer.segment.left} with Voucherify's data
 * ({@code customer}, {@code segment{id,name,object}}) in the transaction that changed membership.
 */
@Component
class Transitions {

  static final String ENTERED = "customer.segment.entered";
  static final String LEFT = "customer.segment.left";

  private final EventLog eventLog;
  private final Customers customers;

  Transitions(EventLog eventLog, Customers customers) {
    this.eventLog = eventLog;
    this.customers = customers;
  }

  /** One customer entering or leaving one segment. */
  record Transition(Segment segment, String customerId, boolean entered, JsonNode customer) {

    NewEvent event() {
      ObjectNode data = Json.object();
      data.set("customer", customer);
      data.set("segment", SegmentJson.brief(segment));
      return NewEvent.of(segment.projectId(), entered ? ENTERED : LEFT, customerId, data);
    }
  }

  /** Appends the events of these transitions, in order, with one batched append. */
  void report(List<Transition> transitions) {
    if (!transitions.isEmpty()) {
      eventLog.appendAll(transitions.stream().map(Transition::event).toList());
    }
  }

  /** The current profiles of these customers; one that is gone is {@code {id, object}}. */
  Map<String, JsonNode> profiles(Segment segment, Collection<String> customerIds) {
    Map<String, JsonNode> out = new HashMap<>();
    for (Customer c : customers.getAll(segment.projectId(), List.copyOf(customerIds))) {
      out.put(c.id(), customers.toJson(c));
    }
    for (String id : customerIds) {
      out.computeIfAbsent(id, Transitions::gone);
    }
    return out;
  }

  static ObjectNode gone(String customerId) {
    return Json.object().put("id", customerId).put("object", "customer");
  }
}
