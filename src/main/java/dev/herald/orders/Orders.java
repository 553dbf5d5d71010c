package dev.herald.orders;

import dev.herald.customers.Customer;
import dev.herald.customers.CustomerInput;
import dev.herald.customers.Customers;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
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
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Orders. Each real transition appends its event once: a new order {@code customer.order.created}
 * (plus {@code paid}/{@code canceled}/{@code fulfilled} when it arrives in that status), a status
 * change the status's event, any other change {@code customer.order.updated}; an update that
 * changes nothing appends nothing.
 */
@Service
public class Orders {

  private final OrderRepository repository;
  private final Customers customers;
  private final EventLog eventLog;
  private final Clock clock;

  Orders(OrderRepository repository, Customers customers, EventLog eventLog, Clock clock) {
    this.repository = repository;
    this.customers = customers;
    this.eventLog = eventLog;
    this.clock = clock;
  }

  /** The outcome of an upsert. */
  public record Upserted(Order order, boolean created) {}

  @Transactional
  public Upserted upsert(ProjectId project, OrderInput input) {
    if (input.id().isPresent()) {
      Order existing =
          repository
              .byId(project, input.id().get(), true)
              .orElseThrow(() -> ApiException.notFound("order", input.id().get()));
      return new Upserted(apply(existing, input), false);
    }
    if (input.sourceId().isPresent()) {
      Optional<Order> existing = repository.bySourceId(project, input.sourceId().get(), true);
      if (existing.isPresent()) {
        return new Upserted(apply(existing.get(), input), false);
      }
    }
    Instant now = clock.instant();
    Order fresh =
        new Order(
            Ids.newId("ord_"),
            project,
            input.sourceId().orElse(null),
            input.status().orElse("CREATED"),
            input.amount().orElse(null),
            input.initialAmount().orElse(input.amount().orElse(null)),
            input.discountAmount().orElse(null),
            input.items().orElse(Json.array()),
            input.metadata().orElse(Json.object()),
            customerOf(project, input.customer(), input.customerId()).orElse(null),
            customerOf(project, input.referrer(), input.referrerId()).orElse(null),
            Json.object(),
            now,
            null);
    checkDiscount(fresh);
    Optional<Order> inserted = repository.insert(fresh);
    if (inserted.isEmpty()) {
      Order existing = repository.bySourceId(project, fresh.sourceId(), true).orElseThrow();
      return new Upserted(apply(existing, input), false);
    }
    Order created = inserted.get();
    append(created, "customer.order.created");
    statusEvent(created);
    refreshSummary(project, created.customerId());
    return new Upserted(created, true);
  }

  @Transactional
  public Order update(ProjectId project, String idOrSourceId, OrderInput input) {
    Order existing = lock(project, idOrSourceId);
    if (input.sourceId().isPresent() && !input.sourceId().get().equals(existing.sourceId())) {
      repository
          .bySourceId(project, input.sourceId().get(), false)
          .filter(o -> !o.id().equals(existing.id()))
          .ifPresent(
              o -> {
                throw ApiException.conflict(
                    "duplicate_found", "Another order already has source_id " + o.sourceId());
              });
    }
    return apply(existing, input);
  }

  /** Records a redemption on the order (part of the redemption's own change; no event). */
  @Transactional
  public Order addRedemption(
      ProjectId project, String orderId, String redemptionId, ObjectNode entry) {
    Order o = repository.byId(project, orderId, true).orElseThrow();
    ObjectNode redemptions = o.redemptions().deepCopy();
    redemptions.set(redemptionId, entry);
    Order updated = copy(o, o.status(), o.discountAmount(), redemptions);
    repository.update(updated);
    return updated;
  }

  /** Marks a redemption of the order rolled back, and cancels the order if it was PAID. */
  @Transactional
  public Order rollbackRedemption(
      ProjectId project, String orderId, String redemptionId, String rollbackId, long discount) {
    Order o = repository.byId(project, orderId, true).orElseThrow();
    ObjectNode redemptions = o.redemptions().deepCopy();
    if (redemptions.get(redemptionId) instanceof ObjectNode entry) {
      entry.put("rollback_id", rollbackId);
      entry.put("rollback_date", Times.format(clock.instant()));
    }
    long remaining = Math.max(0, (o.discountAmount() == null ? 0 : o.discountAmount()) - discount);
    String status = "PAID".equals(o.status()) ? "CANCELED" : o.status();
    Order updated = copy(o, status, remaining, redemptions);
    repository.update(updated);
    statusChanged(o, updated);
    refreshSummary(project, o.customerId());
    return updated;
  }

  public Optional<Order> find(ProjectId project, String idOrSourceId) {
    return repository
        .byId(project, idOrSourceId, false)
        .or(() -> repository.bySourceId(project, idOrSourceId, false));
  }

  public Order get(ProjectId project, String idOrSourceId) {
    return find(project, idOrSourceId)
        .orElseThrow(() -> ApiException.notFound("order", idOrSourceId));
  }

  public Map<String, Object> list(
      ProjectId project, String customerId, boolean ascending, Page page) {
    List<ObjectNode> items =
        repository.list(project, customerId, ascending, page.fetchSize(), page.offset()).stream()
            .map(this::toJson)
            .toList();
    return ListResponse.page("orders", items, page, repository.count(project, customerId));
  }

  private Order lock(ProjectId project, String idOrSourceId) {
    return repository
        .byId(project, idOrSourceId, true)
        .or(() -> repository.bySourceId(project, idOrSourceId, true))
        .orElseThrow(() -> ApiException.notFound("order", idOrSourceId));
  }

  private Optional<String> customerOf(
      ProjectId project, Optional<dev.herald.shared.web.Body> body, Optional<String> id) {
    if (body.isPresent()) {
      CustomerInput input = CustomerInput.from(body.get());
      if (body.get().node().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(customers.upsert(project, input).customer().id());
    }
    return id.map(ref -> customers.get(project, ref).id());
  }

  private Order apply(Order o, OrderInput in) {
    Long amount = in.amount().orElse(o.amount());
    ArrayNode items = in.items().orElse(o.items());
    ObjectNode metadata = o.metadata();
    if (in.metadata().isPresent()) {
      metadata = o.metadata().deepCopy();
      for (var e : in.metadata().get().properties()) {
        if (e.getValue().isNull()) {
          metadata.remove(e.getKey());
        } else {
          metadata.set(e.getKey(), e.getValue());
        }
      }
    }
    Order updated =
        new Order(
            o.id(),
            o.projectId(),
            in.sourceId().orElse(o.sourceId()),
            in.status().orElse(o.status()),
            amount,
            in.initialAmount().orElse(o.initialAmount() == null ? amount : o.initialAmount()),
            in.discountAmount().orElse(o.discountAmount()),
            items,
            metadata,
            customerOf(o.projectId(), in.customer(), in.customerId()).orElse(o.customerId()),
            customerOf(o.projectId(), in.referrer(), in.referrerId()).orElse(o.referrerId()),
            o.redemptions(),
            o.createdAt(),
            clock.instant());
    checkDiscount(updated);
    boolean statusChanged = !updated.status().equals(o.status());
    boolean otherChanged = !sameExceptStatus(o, updated);
    if (!statusChanged && !otherChanged) {
      return o;
    }
    repository.update(updated);
    if (otherChanged) {
      append(updated, "customer.order.updated");
    }
    statusChanged(o, updated);
    refreshSummary(o.projectId(), updated.customerId());
    if (!Objects.equals(o.customerId(), updated.customerId())) {
      refreshSummary(o.projectId(), o.customerId());
    }
    return updated;
  }

  private static void checkDiscount(Order o) {
    if (o.discountAmount() != null && o.amount() != null && o.discountAmount() > o.amount()) {
      throw ApiException.badRequest("invalid_order", "discount_amount exceeds the order amount");
    }
  }

  private void statusChanged(Order before, Order after) {
    if (!after.status().equals(before.status())) {
      statusEvent(after);
    }
  }

  private void statusEvent(Order o) {
    switch (o.status()) {
      case "PAID" -> append(o, "customer.order.paid");
      case "CANCELED" -> append(o, "customer.order.canceled");
      case "FULFILLED" -> append(o, "customer.order.fulfilled");
      default -> {}
    }
  }

  private static boolean sameExceptStatus(Order a, Order b) {
    return Objects.equals(a.sourceId(), b.sourceId())
        && Objects.equals(a.amount(), b.amount())
        && Objects.equals(a.initialAmount(), b.initialAmount())
        && Objects.equals(a.discountAmount(), b.discountAmount())
        && Objects.equals(a.items(), b.items())
        && Objects.equals(a.metadata(), b.metadata())
        && Objects.equals(a.customerId(), b.customerId())
        && Objects.equals(a.referrerId(), b.referrerId());
  }

  private Order copy(Order o, String status, Long discount, ObjectNode redemptions) {
    return new Order(
        o.id(),
        o.projectId(),
        o.sourceId(),
        status,
        o.amount(),
        o.initialAmount(),
        discount,
        o.items(),
        o.metadata(),
        o.customerId(),
        o.referrerId(),
        redemptions,
        o.createdAt(),
        clock.instant());
  }

  private void refreshSummary(ProjectId project, String customerId) {
    if (customerId == null) {
      return;
    }
    repository.lockCustomer(project, customerId);
    OrderRepository.Totals t = repository.totals(project, customerId);
    ObjectNode orders = Json.object();
    orders.put("total_amount", t.totalAmount());
    orders.put("total_count", t.count());
    orders.put("average_amount", t.count() == 0 ? 0 : t.totalAmount() / t.count());
    orders.put("last_order_amount", t.lastAmount() == null ? 0 : t.lastAmount());
    orders.put("last_order_date", Times.format(t.lastDate()));
    customers.setReadModel(project, customerId, "summary", Json.object().set("orders", orders));
  }

  private void append(Order o, String type) {
    ObjectNode data = Json.object();
    Customer customer =
        o.customerId() == null ? null : customers.find(o.projectId(), o.customerId()).orElse(null);
    data.set("customer", customer == null ? Json.nullNode() : customers.toJson(customer));
    Customer referrer =
        o.referrerId() == null ? null : customers.find(o.projectId(), o.referrerId()).orElse(null);
    data.set("referrer", referrer == null ? Json.nullNode() : customers.toBriefJson(referrer));
    data.set("order", toJson(o));
    data.set("redemption", Json.nullNode());
    eventLog.append(NewEvent.of(o.projectId(), type, o.customerId(), data));
  }

  /** The Voucherify {@code order} object ({@code OrderCalculated}). */
  public ObjectNode toJson(Order o) {
    ObjectNode out = Json.object();
    out.put("id", o.id());
    out.put("source_id", o.sourceId());
    out.put("status", o.status());
    out.put("amount", o.amount());
    out.put("initial_amount", o.initialAmount());
    out.put("discount_amount", o.discountAmount());
    long discount = o.discountAmount() == null ? 0 : o.discountAmount();
    long itemsDiscount = 0;
    ArrayNode items = Json.array();
    int index = 0;
    for (JsonNode item : o.items()) {
      ObjectNode copy = ((ObjectNode) item).deepCopy();
      if (!copy.has("id")) {
        copy.put("id", "ordli_" + o.id().substring(4) + "_" + index);
      }
      long amount = copy.path("amount").asLong(0);
      long itemDiscount = copy.path("discount_amount").asLong(0);
      itemsDiscount += itemDiscount;
      copy.put("subtotal_amount", amount - itemDiscount);
      copy.put("object", "order_item");
      items.add(copy);
      index++;
    }
    out.put("items_discount_amount", itemsDiscount);
    out.put("total_discount_amount", discount + itemsDiscount);
    out.put("total_amount", (o.amount() == null ? 0 : o.amount()) - discount - itemsDiscount);
    out.put("applied_discount_amount", discount);
    out.put("items_applied_discount_amount", itemsDiscount);
    out.put("total_applied_discount_amount", discount + itemsDiscount);
    out.set("items", items);
    out.set("metadata", o.metadata());
    out.put("customer_id", o.customerId());
    if (o.customerId() == null) {
      out.putNull("customer");
    } else {
      out.set("customer", Json.object().put("id", o.customerId()).put("object", "customer"));
    }
    out.put("referrer_id", o.referrerId());
    if (o.referrerId() == null) {
      out.putNull("referrer");
    } else {
      out.set("referrer", Json.object().put("id", o.referrerId()).put("object", "customer"));
    }
    out.set("redemptions", o.redemptions());
    out.put("created_at", Times.format(o.createdAt()));
    out.put("updated_at", Times.format(o.updatedAt()));
    out.put("object", "order");
    return out;
  }
}
