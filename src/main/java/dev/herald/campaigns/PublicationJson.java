package dev.herald.campaigns;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Voucherify {@code publication} object and the events of a publication, shared by single and
 * batch publishing so both hand out the same JSON and the same events.
 */
@Component
class PublicationJson {

  private final Customers customers;
  private final EventLog eventLog;

  PublicationJson(Customers customers, EventLog eventLog) {
    this.customers = customers;
    this.eventLog = eventLog;
  }

  ObjectNode toJson(PublicationRepository.Publication p, Customer customer, List<ObjectNode> vs) {
    return toJson(p, customer == null ? null : customers.toJson(customer), vs);
  }

  /** As {@link #toJson(PublicationRepository.Publication, Customer, List)}, customer JSON given. */
  ObjectNode toJson(PublicationRepository.Publication p, ObjectNode customer, List<ObjectNode> vs) {
    ObjectNode out = Json.object();
    out.put("id", p.id());
    out.put("object", "publication");
    out.put("created_at", Times.format(p.createdAt()));
    out.put("customer_id", p.customerId());
    out.put("tracking_id", p.trackingId());
    out.set("metadata", p.metadata());
    out.put("channel", p.channel());
    out.put("source_id", p.sourceId());
    out.put("result", "SUCCESS");
    out.set("customer", customer == null ? Json.nullNode() : customer);
    ArrayNode ids = Json.array();
    p.voucherIds().forEach(ids::add);
    out.set("vouchers_id", ids);
    if (vs.size() == 1) {
      out.set("voucher", vs.get(0));
    } else {
      ArrayNode codes = Json.array();
      p.codes().forEach(codes::add);
      out.set("vouchers", codes);
    }
    return out;
  }

  /**
   * Appends {@code customer.publication.succeeded} and {@code voucher.published} for each code
   * handed out, with {@code customer, campaign, publication, voucher}.
   */
  void appendEvents(
      ProjectId project,
      String customerId,
      ObjectNode customer,
      ObjectNode campaign,
      ObjectNode publication,
      List<ObjectNode> vouchers) {
    eventLog.appendAll(events(project, customerId, customer, campaign, publication, vouchers));
  }

  /** The events of {@link #appendEvents}, for a batch to append together. */
  List<NewEvent> events(
      ProjectId project,
      String customerId,
      ObjectNode customer,
      ObjectNode campaign,
      ObjectNode publication,
      List<ObjectNode> vouchers) {
    List<NewEvent> out = new java.util.ArrayList<>();
    for (ObjectNode v : vouchers) {
      ObjectNode data = Json.object();
      data.set("customer", customer);
      data.set("campaign", campaign == null ? Json.nullNode() : campaign);
      data.set("publication", publication);
      data.set("voucher", v);
      out.add(NewEvent.of(project, "customer.publication.succeeded", customerId, data));
      // the same data object: the log stores it once for both
      out.add(NewEvent.of(project, "voucher.published", customerId, data));
    }
    return out;
  }

  List<Event> appendAll(List<NewEvent> events) {
    return eventLog.appendAll(events);
  }
}
