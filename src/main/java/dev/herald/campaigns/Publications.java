package dev.herald.campaigns;

import dev.herald.customers.Customer;
import dev.herald.customers.CustomerInput;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands codes to customers. {@link #publish} joins the caller's transaction (a distribution
 * publishes atomically with queueing its message), is idempotent on the request's key, {@code
 * source_id} and, for join-once campaigns, on (campaign, customer). Codes are reserved with {@code
 * FOR UPDATE SKIP LOCKED}: two publishers never get one code. AUTO_UPDATE campaigns make a new code
 * when the pool is empty. Appends {@code customer.publication.succeeded} and {@code
 * voucher.published} for each code handed out.
 */
@Service
public class Publications {

  static final int MAX_COUNT = 50;

  private final PublicationRepository publications;
  private final VoucherRepository vouchers;
  private final CampaignRepository campaigns;
  private final CodeGenerator generator;
  private final VoucherJson voucherJson;
  private final Campaigns campaignFacade;
  private final PromotionTiers tiers;
  private final Customers customers;
  private final PublicationJson publicationJson;
  private final BatchPublisher batch;
  private final Clock clock;

  Publications(
      PublicationRepository publications,
      VoucherRepository vouchers,
      CampaignRepository campaigns,
      CodeGenerator generator,
      VoucherJson voucherJson,
      Campaigns campaignFacade,
      PromotionTiers tiers,
      Customers customers,
      PublicationJson publicationJson,
      BatchPublisher batch,
      Clock clock) {
    this.publications = publications;
    this.vouchers = vouchers;
    this.campaigns = campaigns;
    this.generator = generator;
    this.voucherJson = voucherJson;
    this.campaignFacade = campaignFacade;
    this.tiers = tiers;
    this.customers = customers;
    this.publicationJson = publicationJson;
    this.batch = batch;
    this.clock = clock;
  }

  /** Publishes in the caller's transaction (or a new one). See the class comment. */
  @Transactional(propagation = Propagation.REQUIRED)
  public PublishResult publish(ProjectId project, PublishRequest r) {
    return publish(project, r, customers.get(project, r.customerId()));
  }

  /**
   * Publishes one code of one campaign to each customer of up to {@value BatchPublisher#MAX}
   * requests made by {@link PublishRequest#forDistribution}, in the caller's transaction, with one
   * reservation query for the whole batch. Each request behaves as {@link #publish} would: its
   * idempotency key returns the first publication made under it (also across batches and single
   * publications), join-once campaigns give a member their existing code, and each code handed out
   * appends the same two events. Results come in request order; a customer that no longer exists
   * gets {@code NoCode("not_found")} instead of failing the batch. 404 for an unknown campaign.
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public List<PublishResult> publishAll(ProjectId project, List<PublishRequest> requests) {
    return batch.publish(project, requests, Map.of());
  }

  /**
   * {@link #publishAll(ProjectId, List)} for customers the caller has just read in this transaction
   * ({@code known}, by customer id): they are not read or rendered again, and their publications'
   * events carry the caller's customer objects. Customers not in {@code known} are read as usual.
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public List<PublishResult> publishAll(
      ProjectId project, List<PublishRequest> requests, Map<String, KnownCustomer> known) {
    return batch.publish(project, requests, known);
  }

  private PublishResult publish(ProjectId project, PublishRequest r, Customer customer) {
    if (r.idempotencyKey() != null) {
      publications.lock("publication-key:" + project.value() + ":" + r.idempotencyKey());
      Optional<PublicationRepository.Publication> earlier =
          publications.byIdempotencyKey(project, r.idempotencyKey());
      if (earlier.isPresent()) {
        return replay(earlier.get(), customer);
      }
    }
    if (r.sourceId() != null) {
      publications.lock("publication-source:" + project.value() + ":" + r.sourceId());
      Optional<PublicationRepository.Publication> earlier =
          publications.bySourceId(project, r.sourceId());
      if (earlier.isPresent()) {
        if (!earlier.get().customerId().equals(customer.id())) {
          throw ApiException.badRequest(
              "duplicate_source_id",
              "source_id " + r.sourceId() + " was used for a publication to another customer");
        }
        return replay(earlier.get(), customer);
      }
    }
    if (r.voucherCode() != null) {
      return publishCode(project, r, customer);
    }
    return publishFromCampaign(project, r, customer);
  }

  private PublishResult publishCode(ProjectId project, PublishRequest r, Customer customer) {
    Voucher v =
        vouchers
            .byCode(project, r.voucherCode(), false)
            .orElseThrow(() -> ApiException.notFound("voucher", r.voucherCode()));
    Campaign c = v.campaignId() == null ? null : campaigns.byId(v.campaignId()).orElse(null);
    if (!v.active()) {
      return new PublishResult.NoCode("voucher_disabled", "Voucher " + v.code() + " is disabled");
    }
    if (v.holderId() != null && !v.holderId().equals(customer.id())) {
      throw ApiException.badRequest(
          "voucher_already_published", "Voucher " + v.code() + " is published to another customer");
    }
    Instant now = clock.instant();
    Voucher published =
        vouchers
            .publishCode(v.id(), customer.id(), now, expiresAt(c, now))
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "voucher_already_published",
                        "Voucher " + v.code() + " is published to another customer"));
    return record(project, r, customer, c, List.of(published), false);
  }

  private PublishResult publishFromCampaign(
      ProjectId project, PublishRequest r, Customer customer) {
    if (r.campaign() == null) {
      throw ApiException.badRequest("missing_vouchers", "Either Campaign or Voucher is required");
    }
    if (r.count() < 1 || r.count() > MAX_COUNT) {
      throw ApiException.badRequest(
          "invalid_publish_params", "campaign.count must be between 1 and " + MAX_COUNT);
    }
    Campaign c =
        campaigns
            .find(project, r.campaign(), false)
            .orElseThrow(() -> ApiException.notFound("campaign", r.campaign()));
    if (!CampaignType.valueOf(c.campaignType()).hasCodes) {
      throw ApiException.badRequest(
          "invalid_publish_params", "Campaign " + c.name() + " has no codes to publish");
    }
    Instant now = clock.instant();
    if (!c.active()) {
      return noCode("Campaign " + c.name() + " is disabled");
    }
    if (c.validity().expirationDate() != null && !now.isBefore(c.validity().expirationDate())) {
      return noCode("Campaign " + c.name() + " has expired");
    }
    boolean joinOnce = r.joinOnce() != null ? r.joinOnce() : c.joinOnce();
    if (joinOnce) {
      publications.lock("publication-member:" + c.id() + ":" + customer.id());
      Optional<PublicationRepository.Publication> member =
          publications.memberOf(project, c.id(), customer.id());
      if (member.isPresent()) {
        return replay(member.get(), customer);
      }
    }
    int count = joinOnce ? 1 : r.count();
    List<Voucher> got =
        new ArrayList<>(vouchers.reserve(c.id(), customer.id(), count, now, expiresAt(c, now)));
    while (got.size() < count && c.autoUpdate()) {
      got.add(generator.generateHeld(c, customer.id(), now, expiresAt(c, now)));
    }
    if (got.isEmpty()) {
      return noCode("Campaign " + c.name() + " has no code left to publish");
    }
    if (got.size() < count) {
      throw ApiException.badRequest(
          "no_voucher_suitable_for_publication",
          "Campaign " + c.name() + " has only " + got.size() + " codes left, " + count + " asked");
    }
    return record(project, r, customer, c, got, joinOnce);
  }

  private static PublishResult noCode(String message) {
    return new PublishResult.NoCode("no_voucher_suitable_for_publication", message);
  }

  static Instant expiresAt(Campaign c, Instant now) {
    if (c == null || c.activityDurationAfterPublishing() == null) {
      return null;
    }
    Duration d = Validity.parse(c.activityDurationAfterPublishing());
    return d == null ? null : now.plus(d);
  }

  private PublishResult record(
      ProjectId project,
      PublishRequest r,
      Customer customer,
      Campaign c,
      List<Voucher> got,
      boolean joinOnce) {
    PublicationRepository.Publication p =
        new PublicationRepository.Publication(
            Ids.newId("pub_"),
            project,
            c == null ? null : c.id(),
            customer.id(),
            customer.sourceId() != null ? customer.sourceId() : customer.id(),
            r.sourceId(),
            r.channel() == null ? "API" : r.channel(),
            r.metadata() == null ? Json.object() : r.metadata(),
            got.stream().map(Voucher::id).toList(),
            got.stream().map(Voucher::code).toList(),
            clock.instant());
    publications.insert(p, r.idempotencyKey(), joinOnce);
    List<ObjectNode> voucherJsons = got.stream().map(v -> voucherJson.toJson(v, c)).toList();
    ObjectNode customerJson = customers.toJson(customer);
    ObjectNode publication = publicationJson.toJson(p, customerJson, voucherJsons);
    publicationJson.appendEvents(
        project,
        customer.id(),
        customerJson,
        c == null ? null : campaignFacade.toJson(c),
        publication,
        voucherJsons);
    return new PublishResult.Published(publication, voucherJsons, false);
  }

  private PublishResult replay(PublicationRepository.Publication p, Customer customer) {
    List<ObjectNode> voucherJsons =
        vouchers.byIds(p.voucherIds()).stream().map(voucherJson::toJson).toList();
    return new PublishResult.Published(
        publicationJson.toJson(p, customer, voucherJsons), voucherJsons, true);
  }

  /**
   * {@code POST /v1/publications} and {@code GET /v1/publications/create}: upserts the customer and
   * publishes; no code → 400 with the reason's key, and nothing changed (the customer upsert too).
   */
  @Transactional
  public ObjectNode publishFromApi(
      ProjectId project, Body body, Boolean joinOnceQuery, String channel) {
    Body customerBody;
    if (body.raw("customer").map(n -> n.isString()).orElse(false)) {
      customerBody = null;
    } else {
      customerBody =
          body.object("customer")
              .orElseThrow(
                  () -> ApiException.badRequest("missing_customer", "customer is required"));
    }
    Customer customer =
        customerBody == null
            ? customers
                .upsert(project, CustomerInput.reference(body.requiredString("customer")))
                .customer()
            : customers.upsert(project, CustomerInput.from(customerBody)).customer();
    String campaign = null;
    int count = 1;
    if (body.has("campaign")) {
      if (body.raw("campaign").map(n -> n.isString()).orElse(false)) {
        campaign = body.requiredString("campaign");
      } else {
        Body cb =
            body.object("campaign")
                .orElseThrow(() -> body.invalid("campaign", "must be an object"));
        campaign = cb.requiredString("name");
        count = cb.integer("count").map(Long::intValue).orElse(1);
      }
    }
    String code = body.string("voucher").orElse(null);
    Optional<String> sourceId = body.string("source_id");
    if (sourceId.isPresent() && count > 1) {
      throw ApiException.badRequest(
          "invalid_publish_params", "Only one code can be published per request with source_id");
    }
    Boolean joinOnce = body.bool("join_once").orElse(joinOnceQuery);
    PublishRequest request =
        new PublishRequest(
            campaign,
            code,
            customer.id(),
            count,
            joinOnce,
            sourceId.orElse(null),
            null,
            body.string("channel").orElse(channel == null ? "API" : channel),
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()));
    PublishResult result = publish(project, request, customer);
    if (result instanceof PublishResult.NoCode none) {
      throw ApiException.badRequest(none.reason(), none.message());
    }
    return ((PublishResult.Published) result).publication();
  }

  public Map<String, Object> list(
      ProjectId project,
      String campaign,
      String customer,
      String code,
      String sourceId,
      boolean ascending,
      Page page) {
    String campaignId =
        campaign == null
            ? null
            : campaigns.find(project, campaign, false).map(Campaign::id).orElse("none");
    String customerId =
        customer == null
            ? null
            : customers.find(project, customer).map(Customer::id).orElse("none");
    List<ObjectNode> items = new ArrayList<>();
    for (PublicationRepository.Publication p :
        publications.list(
            project,
            campaignId,
            customerId,
            code,
            sourceId,
            ascending,
            page.fetchSize(),
            page.offset())) {
      Customer holder = customers.find(project, p.customerId()).orElse(null);
      List<ObjectNode> vs =
          vouchers.byIds(p.voucherIds()).stream().map(voucherJson::toJson).toList();
      items.add(publicationJson.toJson(p, holder, vs));
    }
    return ListResponse.page(
        "publications",
        items,
        page,
        publications.count(project, campaignId, customerId, code, sourceId));
  }

  /** The voucher JSON (Voucherify shape) for message templates: {@code voucher.assets.qr.url}. */
  public Optional<ObjectNode> voucherJson(ProjectId project, String code) {
    return vouchers.byCode(project, code, false).map(voucherJson::toJson);
  }

  /** The campaign JSON (Voucherify shape) for message templates. */
  public Optional<ObjectNode> campaignJson(ProjectId project, String idOrName) {
    return campaigns.find(project, idOrName, false).map(campaignFacade::toJson);
  }

  /** The promotion tier JSON (Voucherify shape): {@code promotion_tier.banner}, ... */
  public Optional<ObjectNode> promotionTierJson(ProjectId project, String tierId) {
    return tiers.findOptional(project, tierId).map(tiers::toJson);
  }

  /** How many codes of a campaign are still free to publish (for a distribution's summary). */
  public long codesAvailable(ProjectId project, String campaignIdOrName) {
    return campaigns
        .find(project, campaignIdOrName, false)
        .map(c -> vouchers.freeInCampaign(c.id()))
        .orElse(0L);
  }
}
