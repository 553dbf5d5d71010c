package dev.herald.customers;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Customer profiles. Upserts by {@code id} or {@code source_id}; every real change appends {@code
 * customer.created}, {@code customer.updated} or {@code customer.deleted} with the profile as it
 * now is.
 */
@Service
public class Customers {

  private final CustomerRepository repository;
  private final EventLog eventLog;
  private final Clock clock;

  /** Resolved on first use: their modules use this facade. */
  private final Supplier<List<CustomerAssets>> assets;

  private final Supplier<List<CustomerListFilter>> listFilters;

  Customers(
      CustomerRepository repository,
      EventLog eventLog,
      Clock clock,
      ObjectProvider<CustomerAssets> assets,
      ObjectProvider<CustomerListFilter> listFilters) {
    this.repository = repository;
    this.eventLog = eventLog;
    this.clock = clock;
    this.assets = SingletonSupplier.of(() -> assets.orderedStream().toList());
    this.listFilters = SingletonSupplier.of(() -> listFilters.orderedStream().toList());
  }

  /** The profile's {@code assets}: what {@link CustomerAssets} implementations contribute. */
  private ObjectNode assets(Customer c) {
    ObjectNode out = Json.object();
    for (CustomerAssets a : assets.get()) {
      a.contribute(c, out);
    }
    return out;
  }

  /** The outcome of an upsert: the profile and whether it was created. */
  public record Upserted(Customer customer, boolean created) {}

  /**
   * Creates the customer, or updates the one with the given {@code id} (404 if unknown) or {@code
   * source_id}.
   */
  @Transactional
  public Upserted upsert(ProjectId project, CustomerInput input) {
    if (input.id().isPresent()) {
      Customer existing =
          repository
              .byId(project, input.id().get(), true)
              .orElseThrow(() -> ApiException.notFound("customer", input.id().get()));
      return new Upserted(apply(existing, input), false);
    }
    if (input.sourceId().isPresent()) {
      Optional<Customer> existing = repository.bySourceId(project, input.sourceId().get(), true);
      if (existing.isPresent()) {
        return new Upserted(apply(existing.get(), input), false);
      }
    }
    Instant now = clock.instant();
    Customer fresh =
        new Customer(
            Ids.newId("cust_"),
            project,
            input.sourceId().orElse(null),
            input.name().value(),
            input.description().value(),
            input.email().value(),
            input.phone().value(),
            input.birthdate().value(),
            input.address().value(),
            input.metadata().value() == null
                ? Json.object()
                : withoutNulls(input.metadata().value()),
            false,
            Json.object(),
            null,
            null,
            null,
            now,
            null);
    Optional<Customer> inserted = repository.insert(fresh);
    if (inserted.isEmpty()) {
      // Another request created this source_id a moment ago: update that one instead.
      Customer existing =
          repository
              .bySourceId(project, input.sourceId().orElseThrow(), true)
              .orElseThrow(() -> new IllegalStateException("source_id conflict without a row"));
      return new Upserted(apply(existing, input), false);
    }
    Customer created = inserted.get();
    append(created, "customer.created");
    return new Upserted(created, true);
  }

  /** Partial update of the customer with this id or source_id. */
  @Transactional
  public Customer update(ProjectId project, String idOrSourceId, CustomerInput input) {
    Customer existing = lock(project, idOrSourceId);
    if (input.sourceId().isPresent() && !input.sourceId().get().equals(existing.sourceId())) {
      Optional<Customer> holder = repository.bySourceId(project, input.sourceId().get(), false);
      if (holder.isPresent() && !holder.get().id().equals(existing.id())) {
        throw ApiException.conflict(
            "duplicate_found", "Another customer already has source_id " + input.sourceId().get());
      }
    }
    return apply(existing, input);
  }

  private Customer apply(Customer c, CustomerInput in) {
    ObjectNode metadata = c.metadata();
    if (in.metadata().given()) {
      metadata =
          in.metadata().value() == null
              ? Json.object()
              : mergeObject(c.metadata(), in.metadata().value());
    }
    ObjectNode address = c.address();
    if (in.address().given()) {
      address =
          in.address().value() == null
              ? null
              : mergeObject(
                  c.address() == null ? Json.object() : c.address(), in.address().value());
    }
    Customer updated =
        new Customer(
            c.id(),
            c.projectId(),
            in.sourceId().orElse(c.sourceId()),
            pick(in.name(), c.name()),
            pick(in.description(), c.description()),
            pick(in.email(), c.email()),
            pick(in.phone(), c.phone()),
            pick(in.birthdate(), c.birthdate()),
            address,
            metadata,
            c.unsubscribed(),
            c.consents(),
            c.summary(),
            c.loyalty(),
            c.referrals(),
            c.createdAt(),
            clock.instant());
    if (sameProfile(c, updated)) {
      return c;
    }
    repository.update(updated);
    append(updated, "customer.updated");
    return updated;
  }

  private static <T> T pick(CustomerInput.Field<T> field, T current) {
    return field.given() ? field.value() : current;
  }

  private static boolean sameProfile(Customer a, Customer b) {
    return Objects.equals(a.sourceId(), b.sourceId())
        && Objects.equals(a.name(), b.name())
        && Objects.equals(a.description(), b.description())
        && Objects.equals(a.email(), b.email())
        && Objects.equals(a.phone(), b.phone())
        && Objects.equals(a.birthdate(), b.birthdate())
        && Objects.equals(a.address(), b.address())
        && Objects.equals(a.metadata(), b.metadata())
        && a.unsubscribed() == b.unsubscribed()
        && Objects.equals(a.consents(), b.consents());
  }

  /** Keys given as null are removed; others are set. */
  private static ObjectNode mergeObject(ObjectNode current, ObjectNode given) {
    ObjectNode out = current.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = given.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static ObjectNode withoutNulls(ObjectNode given) {
    return mergeObject(Json.object(), given);
  }

  /**
   * Consents: {@code {"unsubscribed": true}} opts out of all marketing; {@code {"cnst_x": bool}}
   * records single consents.
   */
  @Transactional
  public Customer updateConsents(ProjectId project, String idOrSourceId, Body body) {
    Customer c = lock(project, idOrSourceId);
    boolean unsubscribed = c.unsubscribed();
    ObjectNode consents = c.consents().deepCopy();
    for (String field : body.node().propertyNames()) {
      boolean value = body.bool(field).orElseThrow(() -> body.invalid(field, "must be a boolean"));
      if (field.equals("unsubscribed")) {
        unsubscribed = value;
      } else {
        consents.put(field, value);
      }
    }
    Customer updated =
        new Customer(
            c.id(),
            c.projectId(),
            c.sourceId(),
            c.name(),
            c.description(),
            c.email(),
            c.phone(),
            c.birthdate(),
            c.address(),
            c.metadata(),
            unsubscribed,
            consents,
            c.summary(),
            c.loyalty(),
            c.referrals(),
            c.createdAt(),
            clock.instant());
    if (!sameProfile(c, updated)) {
      repository.update(updated);
      append(updated, "customer.updated");
    }
    return updated;
  }

  /** Unsubscribes a customer from marketing (the one-click unsubscribe link). */
  @Transactional
  public Customer unsubscribe(ProjectId project, String customerId) {
    Body body = Body.of(Json.object().put("unsubscribed", true), "invalid_payload");
    return updateConsents(project, customerId, body);
  }

  @Transactional
  public void delete(ProjectId project, String idOrSourceId) {
    Customer c = lock(project, idOrSourceId);
    repository.softDelete(project, c.id(), clock.instant());
    append(c, "customer.deleted");
  }

  public Optional<Customer> find(ProjectId project, String idOrSourceId) {
    Optional<Customer> byId = repository.byId(project, idOrSourceId, false);
    return byId.isPresent() ? byId : repository.bySourceId(project, idOrSourceId, false);
  }

  public Customer get(ProjectId project, String idOrSourceId) {
    return find(project, idOrSourceId)
        .orElseThrow(() -> ApiException.notFound("customer", idOrSourceId));
  }

  public List<Customer> getAll(ProjectId project, List<String> ids) {
    return repository.byIds(project, ids);
  }

  /**
   * Resolves references (ids or source_ids) to live customers' ids in one query: each reference
   * that names a customer maps to its id; unknown references are absent from the map.
   */
  public Map<String, String> resolveIds(ProjectId project, Collection<String> refs) {
    List<String> distinct = refs.stream().distinct().toList();
    Map<String, String> out = new HashMap<>();
    for (String[] row : repository.idsFor(project, distinct)) {
      out.put(row[0], row[0]);
      if (row[1] != null) {
        out.putIfAbsent(row[1], row[0]);
      }
    }
    out.keySet().retainAll(new HashSet<>(distinct));
    return out;
  }

  private Customer lock(ProjectId project, String idOrSourceId) {
    Optional<Customer> byId = repository.byId(project, idOrSourceId, true);
    return byId.or(() -> repository.bySourceId(project, idOrSourceId, true))
        .orElseThrow(() -> ApiException.notFound("customer", idOrSourceId));
  }

  /**
   * Replaces one read model the owning module keeps on the profile: {@code summary} (orders,
   * redemptions), {@code loyalty} or {@code referrals}. The top-level keys given replace the stored
   * ones and other keys are kept (orders own {@code summary.orders}, redemptions own {@code
   * summary.redemptions}). No event: the owning module emits its own.
   */
  @Transactional
  public void setReadModel(ProjectId project, String customerId, String section, JsonNode value) {
    repository.setReadModel(project, customerId, section, value);
  }

  /** The Voucherify {@code customer} object. */
  public ObjectNode toJson(Customer c) {
    return CustomerJson.full(c, assets(c));
  }

  /** The short customer object embedded in other objects and events. */
  public ObjectNode toBriefJson(Customer c) {
    return CustomerJson.brief(c);
  }

  private void append(Customer c, String type) {
    ObjectNode data = Json.object();
    data.set("customer", CustomerJson.full(c, assets(c)));
    eventLog.append(NewEvent.of(c.projectId(), type, c.id(), data));
  }

  /** A page of customers; fetch {@code limit + 1} to learn whether more follow. */
  public List<Customer> list(ProjectId project, CustomerQuery query, int limit, int offset) {
    return repository.list(project, query, limit, offset);
  }

  /** The size of an audience and who in it cannot be reached: unsubscribed, no email, no phone. */
  public record Reach(long total, long unsubscribed, long noEmail, long noPhone) {}

  /**
   * The reach of the customers another module's list filter selects ({@code segment_id} = a
   * segment's members), counted in one query.
   */
  public Reach reach(ProjectId project, String filterParameter, String value) {
    CustomerListFilter filter =
        listFilters.get().stream()
            .filter(f -> f.parameter().equals(filterParameter))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no customer filter " + filterParameter));
    CustomerQuery query =
        new CustomerQuery(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            "created_at",
            List.of(filter.condition(project, value, "id")));
    return repository.reach(project, query);
  }

  public long count(ProjectId project, CustomerQuery query) {
    return repository.count(project, query);
  }
}
