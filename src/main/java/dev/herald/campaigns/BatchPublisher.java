package dev.herald.campaigns;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.eventlog.Event;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes one code of one campaign to each customer of a batch (a manual distribution's page of
 * up to {@value #MAX} recipients) in the caller's transaction: the batch's idempotency keys and
 * join-once memberships are locked and looked up with one statement each, the codes are reserved
 * with one statement, and the publications inserted with one. Per request it answers exactly what
 * {@link Publications#publish} would, and appends the same events.
 */
@Component
class BatchPublisher {

  static final int MAX = 1_000;

  private final PublicationRepository publications;
  private final VoucherRepository vouchers;
  private final CampaignRepository campaigns;
  private final CodeGenerator generator;
  private final VoucherJson voucherJson;
  private final Campaigns campaignFacade;
  private final Customers customers;
  private final PublicationJson publicationJson;
  private final Clock clock;

  BatchPublisher(
      PublicationRepository publications,
      VoucherRepository vouchers,
      CampaignRepository campaigns,
      CodeGenerator generator,
      VoucherJson voucherJson,
      Campaigns campaignFacade,
      Customers customers,
      PublicationJson publicationJson,
      Clock clock) {
    this.publications = publications;
    this.vouchers = vouchers;
    this.campaigns = campaigns;
    this.generator = generator;
    this.voucherJson = voucherJson;
    this.campaignFacade = campaignFacade;
    this.customers = customers;
    this.publicationJson = publicationJson;
    this.clock = clock;
  }

  /** The state of one batch: its requests, what each got so far, and shared lookups. */
  private final class Batch {
    final ProjectId project;
    final List<PublishRequest> requests;
    final Campaign campaign;
    final PublishResult[] results;
    final int[] sameAs;
    final Map<String, Customer> customers;
    final Map<String, ObjectNode> customerJson = new HashMap<>();

    Batch(
        ProjectId project,
        List<PublishRequest> requests,
        Campaign campaign,
        Map<String, KnownCustomer> known) {
      this.project = project;
      this.requests = requests;
      this.campaign = campaign;
      this.results = new PublishResult[requests.size()];
      this.sameAs = new int[requests.size()];
      java.util.Arrays.fill(sameAs, -1);
      this.customers = new HashMap<>();
      List<String> unknown = new ArrayList<>();
      for (String id : requests.stream().map(PublishRequest::customerId).distinct().toList()) {
        KnownCustomer k = known.get(id);
        if (k == null) {
          unknown.add(id);
        } else {
          customers.put(id, k.customer());
          customerJson.put(id, k.json());
        }
      }
      if (!unknown.isEmpty()) {
        BatchPublisher.this
            .customers
            .getAll(project, unknown)
            .forEach(c -> customers.put(c.id(), c));
      }
    }

    boolean open(int i) {
      return results[i] == null && sameAs[i] < 0;
    }

    ObjectNode customerJson(String id) {
      return customerJson.computeIfAbsent(
          id, k -> BatchPublisher.this.customers.toJson(customers.get(k)));
    }
  }

  List<PublishResult> publish(
      ProjectId project, List<PublishRequest> requests, Map<String, KnownCustomer> known) {
    if (requests.isEmpty()) {
      return List.of();
    }
    check(requests);
    String ref = requests.get(0).campaign();
    Campaign c =
        campaigns
            .find(project, ref, false)
            .orElseThrow(() -> ApiException.notFound("campaign", ref));
    if (!CampaignType.valueOf(c.campaignType()).hasCodes) {
      throw ApiException.badRequest(
          "invalid_publish_params", "Campaign " + c.name() + " has no codes to publish");
    }
    Batch b = new Batch(project, requests, c, known);
    missingCustomers(b);
    replayKeys(b);
    Instant now = clock.instant();
    String closed = closedReason(c, now);
    if (closed != null) {
      for (int i = 0; i < requests.size(); i++) {
        if (b.open(i)) {
          b.results[i] = new PublishResult.NoCode("no_voucher_suitable_for_publication", closed);
        }
      }
    } else {
      replayMembers(b);
      reserveAndRecord(b, now);
    }
    List<PublishResult> out = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      out.add(b.sameAs[i] >= 0 ? asReplay(b.results[b.sameAs[i]]) : b.results[i]);
    }
    return out;
  }

  private static void check(List<PublishRequest> requests) {
    if (requests.size() > MAX) {
      throw new IllegalArgumentException("At most " + MAX + " publications per batch");
    }
    String campaign = requests.get(0).campaign();
    for (PublishRequest r : requests) {
      if (campaign == null
          || !campaign.equals(r.campaign())
          || r.voucherCode() != null
          || r.count() != 1
          || r.sourceId() != null
          || r.idempotencyKey() == null) {
        throw new IllegalArgumentException(
            "A batch publishes one code of one campaign per request, each with an idempotency key"
                + " and no source_id: "
                + r);
      }
    }
  }

  private static String closedReason(Campaign c, Instant now) {
    if (!c.active()) {
      return "Campaign " + c.name() + " is disabled";
    }
    if (c.validity().expirationDate() != null && !now.isBefore(c.validity().expirationDate())) {
      return "Campaign " + c.name() + " has expired";
    }
    return null;
  }

  private static void missingCustomers(Batch b) {
    for (int i = 0; i < b.requests.size(); i++) {
      String id = b.requests.get(i).customerId();
      if (!b.customers.containsKey(id)) {
        b.results[i] = new PublishResult.NoCode("not_found", "Cannot find customer with id " + id);
      }
    }
  }

  /** A key used before (in an earlier call or earlier in this batch) gets its first result. */
  private void replayKeys(Batch b) {
    Map<String, Integer> firstOfKey = new HashMap<>();
    List<String> locks = new ArrayList<>();
    for (int i = 0; i < b.requests.size(); i++) {
      String key = b.requests.get(i).idempotencyKey();
      Integer first = firstOfKey.putIfAbsent(key, i);
      if (first != null) {
        b.sameAs[i] = first;
      } else {
        locks.add("publication-key:" + b.project.value() + ":" + key);
      }
    }
    publications.lockAll(locks);
    Map<String, PublicationRepository.Publication> earlier =
        publications.byIdempotencyKeys(b.project, new ArrayList<>(firstOfKey.keySet()));
    replay(b, i -> earlier.get(b.requests.get(i).idempotencyKey()));
  }

  /** Join-once campaigns give a member their first code, also across batches and API calls. */
  private void replayMembers(Batch b) {
    Map<String, Integer> firstOfMember = new HashMap<>();
    for (int i = 0; i < b.requests.size(); i++) {
      if (!b.open(i) || !joinOnce(b, i)) {
        continue;
      }
      Integer first = firstOfMember.putIfAbsent(b.requests.get(i).customerId(), i);
      if (first != null) {
        b.sameAs[i] = first;
      }
    }
    if (firstOfMember.isEmpty()) {
      return;
    }
    List<String> members = new ArrayList<>(firstOfMember.keySet());
    publications.lockAll(
        members.stream()
            .map(m -> "publication-member:" + b.campaign.id() + ":" + m)
            .collect(Collectors.toList()));
    Map<String, PublicationRepository.Publication> existing =
        publications.membersOf(b.project, b.campaign.id(), members).stream()
            .collect(Collectors.toMap(PublicationRepository.Publication::customerId, p -> p));
    replay(
        b,
        i ->
            joinOnce(b, i) && firstOfMember.get(b.requests.get(i).customerId()) == i
                ? existing.get(b.requests.get(i).customerId())
                : null);
  }

  private static boolean joinOnce(Batch b, int i) {
    Boolean given = b.requests.get(i).joinOnce();
    return given != null ? given : b.campaign.joinOnce();
  }

  /** Answers each open request for which {@code earlier} has a publication with its replay. */
  private void replay(
      Batch b, java.util.function.IntFunction<PublicationRepository.Publication> earlier) {
    Map<Integer, PublicationRepository.Publication> found = new HashMap<>();
    LinkedHashSet<String> voucherIds = new LinkedHashSet<>();
    for (int i = 0; i < b.requests.size(); i++) {
      PublicationRepository.Publication p = b.open(i) ? earlier.apply(i) : null;
      if (p != null) {
        found.put(i, p);
        voucherIds.addAll(p.voucherIds());
      }
    }
    if (found.isEmpty()) {
      return;
    }
    Map<String, Voucher> byId =
        vouchers.byIds(new ArrayList<>(voucherIds)).stream()
            .collect(Collectors.toMap(Voucher::id, Function.identity()));
    for (Map.Entry<Integer, PublicationRepository.Publication> e : found.entrySet()) {
      PublicationRepository.Publication p = e.getValue();
      List<ObjectNode> vs = new ArrayList<>();
      for (String id : p.voucherIds()) {
        Voucher v = byId.get(id);
        if (v != null) {
          vs.add(
              b.campaign.id().equals(v.campaignId())
                  ? voucherJson.toJson(v, b.campaign)
                  : voucherJson.toJson(v));
        }
      }
      ObjectNode json = publicationJson.toJson(p, b.customerJson(p.customerId()), vs);
      b.results[e.getKey()] = new PublishResult.Published(json, vs, true);
    }
  }

  /** One reservation for every request still open; AUTO_UPDATE makes codes for the rest. */
  private void reserveAndRecord(Batch b, Instant now) {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < b.requests.size(); i++) {
      if (b.open(i)) {
        open.add(i);
      }
    }
    if (open.isEmpty()) {
      return;
    }
    Instant expiresAt = Publications.expiresAt(b.campaign, now);
    List<String> holders = open.stream().map(i -> b.requests.get(i).customerId()).toList();
    Voucher[] got = new Voucher[open.size()];
    for (VoucherRepository.Reserved r :
        vouchers.reserveFor(b.campaign.id(), holders, now, expiresAt)) {
      got[r.index()] = r.voucher();
    }
    for (int k = 0; k < got.length; k++) {
      if (got[k] == null && b.campaign.autoUpdate()) {
        got[k] = generator.generateHeld(b.campaign, holders.get(k), now, expiresAt);
      }
    }
    record(b, open, got, now);
  }

  private void record(Batch b, List<Integer> open, Voucher[] got, Instant now) {
    List<PublicationRepository.Publication> made = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<Boolean> joinOnce = new ArrayList<>();
    List<Integer> madeFor = new ArrayList<>();
    List<Voucher> codes = new ArrayList<>();
    for (int k = 0; k < open.size(); k++) {
      int i = open.get(k);
      if (got[k] == null) {
        b.results[i] =
            new PublishResult.NoCode(
                "no_voucher_suitable_for_publication",
                "Campaign " + b.campaign.name() + " has no code left to publish");
        continue;
      }
      PublishRequest r = b.requests.get(i);
      Customer customer = b.customers.get(r.customerId());
      made.add(
          new PublicationRepository.Publication(
              Ids.newId("pub_"),
              b.project,
              b.campaign.id(),
              customer.id(),
              customer.sourceId() != null ? customer.sourceId() : customer.id(),
              null,
              r.channel() == null ? "API" : r.channel(),
              r.metadata() == null ? Json.object() : r.metadata(),
              List.of(got[k].id()),
              List.of(got[k].code()),
              now));
      keys.add(r.idempotencyKey());
      joinOnce.add(joinOnce(b, i));
      madeFor.add(i);
      codes.add(got[k]);
    }
    publications.insertAll(made, keys, joinOnce);
    if (made.isEmpty()) {
      return;
    }
    ObjectNode campaignJson = campaignFacade.toJson(b.campaign);
    List<ObjectNode> codesJson = voucherJson.toJsonAll(codes, b.campaign);
    List<dev.herald.eventlog.NewEvent> events = new ArrayList<>();
    List<ObjectNode> jsons = new ArrayList<>(made.size());
    List<Integer> firstEvent = new ArrayList<>(made.size());
    for (int m = 0; m < made.size(); m++) {
      PublicationRepository.Publication p = made.get(m);
      List<ObjectNode> vs = List.of(codesJson.get(m));
      ObjectNode customer = b.customerJson(p.customerId());
      ObjectNode json = publicationJson.toJson(p, customer, vs);
      jsons.add(json);
      firstEvent.add(events.size()); // its customer.publication.succeeded
      events.addAll(
          publicationJson.events(b.project, p.customerId(), customer, campaignJson, json, vs));
    }
    List<Event> appended = publicationJson.appendAll(events);
    for (int m = 0; m < made.size(); m++) {
      b.results[madeFor.get(m)] =
          new PublishResult.Published(
              jsons.get(m), List.of(codesJson.get(m)), false, appended.get(firstEvent.get(m)));
    }
  }

  private static PublishResult asReplay(PublishResult first) {
    if (first instanceof PublishResult.Published p) {
      return new PublishResult.Published(p.publication(), p.vouchers(), true);
    }
    return first;
  }
}
