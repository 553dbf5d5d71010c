package dev.herald.customevents;

import dev.herald.customers.Customer;
import dev.herald.customers.CustomerInput;
import dev.herald.customers.Customers;
import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/** Tracks custom events and appends {@code customer.custom_event}. */
@Service
public class CustomEvents {

  private final Customers customers;
  private final EventLog eventLog;
  private final CustomEventRepository repository;
  private final Clock clock;

  CustomEvents(
      Customers customers, EventLog eventLog, CustomEventRepository repository, Clock clock) {
    this.customers = customers;
    this.eventLog = eventLog;
    this.repository = repository;
    this.clock = clock;
  }

  /**
   * {@code POST /v1/events}: {@code {event, customer, referral?, loyalty?, metadata?}}. Returns the
   * response object ({@code object: "event"}).
   */
  @Transactional
  public ObjectNode track(ProjectId project, Body body) {
    String name = body.requiredString("event");
    if (name.length() > 300) {
      throw body.invalid("event", "must be at most 300 characters");
    }
    Body customerBody =
        body.object("customer").orElseThrow(() -> body.invalid("customer", "is required"));
    CustomerInput input = CustomerInput.from(customerBody);
    if (input.id().isEmpty() && input.sourceId().isEmpty()) {
      throw customerBody.invalid("id", "or source_id is required");
    }
    Optional<ObjectNode> referral =
        body.object("referral").map(r -> block(r, "code", "referrer_id"));
    Optional<ObjectNode> loyalty = body.object("loyalty").map(l -> block(l, "code"));
    ObjectNode metadata = body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object());

    Customer customer = customers.upsert(project, input).customer();
    ObjectNode eventObject = Json.object();
    ObjectNode data = Json.object();
    ObjectNode customerJson = customers.toBriefJson(customer);
    eventObject.put("object", "event");
    eventObject.put("type", name);
    eventObject.set("customer", customerJson);
    eventObject.set(
        "referral", referral.<tools.jackson.databind.JsonNode>map(r -> r).orElse(Json.nullNode()));
    eventObject.set(
        "loyalty", loyalty.<tools.jackson.databind.JsonNode>map(l -> l).orElse(Json.nullNode()));
    eventObject.set("metadata", metadata);
    eventObject.put("created_at", Times.format(clock.instant()));
    data.set("event", eventObject);
    data.set("event_schema", Json.object().putNull("id").put("name", name));
    data.set("customer", customers.toJson(customer));
    data.set("referral", eventObject.get("referral"));
    data.set("loyalty", eventObject.get("loyalty"));
    Event appended =
        eventLog.append(NewEvent.of(project, "customer.custom_event", customer.id(), data));
    eventObject.put("id", appended.id());
    repository.insert(
        appended.id(),
        project,
        customer.id(),
        name,
        metadata,
        referral.orElse(null),
        loyalty.orElse(null),
        appended.createdAt());

    ObjectNode response = Json.object();
    response.put("object", "event");
    response.put("type", name);
    response.set("customer", customerJson);
    response.set("referral", eventObject.get("referral"));
    response.set("loyalty", eventObject.get("loyalty"));
    response.set("metadata", metadata);
    return response;
  }

  /** How many events of this name the customer has sent. */
  public long count(ProjectId project, String customerId, String eventName) {
    return repository.count(project, customerId, eventName);
  }

  private static ObjectNode block(Body b, String... stringFields) {
    ObjectNode out = Json.object();
    for (String field : stringFields) {
      b.string(field).ifPresent(v -> out.put(field, v));
    }
    return out;
  }
}
