package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.Publications;
import dev.herald.campaigns.PublishRequest;
import dev.herald.campaigns.PublishResult;
import dev.herald.campaigns.Voucher;
import dev.herald.campaigns.Vouchers;
import dev.herald.customers.Customer;
import dev.herald.customers.CustomerInput;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loyalty programs ({@code /v1/loyalties}): the programs themselves (campaigns of type {@code
 * LOYALTY_PROGRAM}), members (loyalty cards published to customers), adding and removing points, a
 * card's transactions, expiring points and tier.
 */
@Service
public class LoyaltyPrograms {

  private final Campaigns campaigns;
  private final Vouchers vouchers;
  private final Publications publications;
  private final Customers customers;
  private final CardContexts contexts;
  private final CardRepository cards;
  private final BucketRepository expiring;
  private final TierRepository tiers;
  private final Ledger ledger;
  private final Clock clock;

  LoyaltyPrograms(
      Campaigns campaigns,
      Vouchers vouchers,
      Publications publications,
      Customers customers,
      CardContexts contexts,
      CardRepository cards,
      BucketRepository expiring,
      TierRepository tiers,
      Ledger ledger,
      Clock clock) {
    this.campaigns = campaigns;
    this.vouchers = vouchers;
    this.publications = publications;
    this.customers = customers;
    this.contexts = contexts;
    this.cards = cards;
    this.expiring = expiring;
    this.tiers = tiers;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** {@code POST /v1/loyalties}: a campaign of type LOYALTY_PROGRAM with LOYALTY_CARD codes. */
  @Transactional
  public ObjectNode create(ProjectId project, Body body) {
    ObjectNode copy = body.node().deepCopy();
    if (body.has("campaign_type")
        && !"LOYALTY_PROGRAM".equals(body.string("campaign_type").orElse(null))) {
      throw body.invalid("campaign_type", "must be LOYALTY_PROGRAM");
    }
    copy.put("campaign_type", "LOYALTY_PROGRAM");
    if (!copy.has("voucher")) {
      copy.set("voucher", Json.object().put("type", "LOYALTY_CARD"));
    }
    return campaigns.create(project, Body.of(copy, body.errorKey()));
  }

  public ObjectNode get(ProjectId project, String idOrName) {
    return campaigns.toJson(contexts.programOf(project, idOrName));
  }

  @Transactional
  public ObjectNode update(ProjectId project, String idOrName, Body body) {
    Campaign program = contexts.programOf(project, idOrName);
    return campaigns.update(project, program.id(), body);
  }

  @Transactional
  public void delete(ProjectId project, String idOrName) {
    campaigns.delete(project, contexts.programOf(project, idOrName).id());
  }

  public Map<String, Object> list(ProjectId project, Page page) {
    return campaigns.list(project, "LOYALTY_PROGRAM", page);
  }

  /**
   * {@code POST /v1/loyalties/{id}/members}: publishes a card to the customer (upserted); a
   * customer who already holds a card of the program gets that card (join once). {@code voucher}
   * names the card to hand out.
   */
  @Transactional
  public ObjectNode createMember(ProjectId project, String programRef, Body body) {
    Campaign program = contexts.programOf(project, programRef);
    Customer customer = customerOf(project, body);
    Optional<String> given = body.string("voucher");
    Optional<String> code = Optional.empty();
    if (given.isPresent()) {
      Voucher v =
          vouchers
              .byCode(project, given.get())
              .filter(x -> program.id().equals(x.campaignId()))
              .orElseThrow(() -> ApiException.notFound("voucher", given.get()));
      code = Optional.of(v.code());
    }
    Optional<Voucher> held =
        vouchers.heldBy(project, customer.id(), program.id()).stream().findFirst();
    if (held.isPresent() && code.isEmpty()) {
      return member(project, held.get());
    }
    PublishRequest request =
        new PublishRequest(
            code.isPresent() ? null : program.id(),
            code.orElse(null),
            customer.id(),
            1,
            true,
            body.string("source_id").orElse(null),
            null,
            body.string("channel").orElse("API"),
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()));
    PublishResult result = publications.publish(project, request);
    if (result instanceof PublishResult.NoCode none) {
      throw ApiException.badRequest(none.reason(), none.message());
    }
    String published = ((PublishResult.Published) result).voucher().path("code").asString();
    return member(project, vouchers.byCode(project, published).orElseThrow());
  }

  private ObjectNode member(ProjectId project, Voucher v) {
    CardContext ctx = contexts.of(project, v).orElseThrow();
    ledger.lock(ctx);
    return vouchers.toJson(v);
  }

  private Customer customerOf(ProjectId project, Body body) {
    if (body.raw("customer").map(n -> n.isString()).orElse(false)) {
      return customers.get(project, body.requiredString("customer"));
    }
    Body c =
        body.object("customer")
            .orElseThrow(() -> ApiException.badRequest("missing_customer", "customer is required"));
    return customers.upsert(project, CustomerInput.from(c)).customer();
  }

  /** A member's card (404 unless it is a card of the program, when one is named). */
  public ObjectNode getMember(ProjectId project, String programRef, String code) {
    return vouchers.toJson(contexts.member(project, programRef, code).voucher);
  }

  public Map<String, Object> listMembers(
      ProjectId project, String programRef, Instant[] created, Page page) {
    Campaign program = contexts.programOf(project, programRef);
    return vouchers.listHeld(project, program.id(), created, page);
  }

  /**
   * Adds ({@code points > 0}) or removes points: {@code {points, expiration_type, expiration_date,
   * reason, source_id}} ({@code amount} is taken for {@code points}, as {@code POST
   * /v1/vouchers/{code}/balance} sends it). Returns the {@code balance} object.
   */
  @Transactional
  public ObjectNode changeBalance(ProjectId project, String programRef, String code, Body body) {
    CardContext ctx = contexts.member(project, programRef, code);
    long points =
        body.integer("points")
            .or(() -> body.integer("amount"))
            .orElseThrow(() -> body.invalid("points", "is required"));
    if (points == 0) {
      throw body.invalid("points", "must not be 0");
    }
    String expirationType =
        body.oneOf("expiration_type", List.of("PROGRAM_RULES", "CUSTOM_DATE", "NON_EXPIRING"))
            .orElse("PROGRAM_RULES");
    Instant expirationDate = null;
    if (expirationType.equals("CUSTOM_DATE")) {
      expirationDate =
          body.instant("expiration_date")
              .orElseThrow(() -> body.invalid("expiration_date", "is required for CUSTOM_DATE"));
      if (!expirationDate.isAfter(clock.instant())) {
        throw body.invalid("expiration_date", "must be in the future");
      }
    }
    PointsChange change =
        new PointsChange(
            points > 0 ? PointsChange.ADDITION : PointsChange.REMOVAL,
            points,
            Origin.manual(
                body.string("source_id").orElse(null), body.string("reason").orElse(null)),
            expirationType,
            expirationDate,
            Json.object(),
            "MANUAL");
    return ledger.apply(ctx, change).balance();
  }

  /**
   * {@code POST /v1/loyalties/{id}/members/{code}/transfers}: moves {@code points} from each listed
   * card ({@code [{code, points, reason, source_id}]}) to this member's card — a {@code
   * POINTS_TRANSFER_OUT} on the source and a {@code POINTS_TRANSFER_IN} (pointing at it) on the
   * destination. Cards are locked in id order, so crossing transfers cannot deadlock. All or none.
   */
  @Transactional
  public ObjectNode transfer(ProjectId project, String programRef, String code, List<Body> items) {
    CardContext destination = contexts.member(project, programRef, code);
    if (items.isEmpty()) {
      throw ApiException.badRequest("invalid_payload", "Give at least one transfer");
    }
    for (Body item : items) {
      CardContext source = contexts.card(project, item.requiredString("code"));
      if (source.voucher.id().equals(destination.voucher.id())) {
        throw item.invalid("code", "must be another card than the destination");
      }
      long points = item.integer("points").orElseThrow(() -> item.invalid("points", "is required"));
      if (points < 1) {
        throw item.invalid("points", "must be at least 1");
      }
      String sourceId = item.string("source_id").orElse(null);
      String reason = item.string("reason").orElse(null);
      boolean sourceFirst = source.voucher.id().compareTo(destination.voucher.id()) < 0;
      ledger.lock(sourceFirst ? source : destination);
      ledger.lock(sourceFirst ? destination : source);
      ObjectNode out = Json.object();
      out.set(
          "destination_voucher",
          Json.object()
              .put("id", destination.voucher.id())
              .put("code", destination.voucher.code()));
      Ledger.Applied taken =
          ledger.apply(
              source,
              new PointsChange(
                  PointsChange.TRANSFER_OUT,
                  -points,
                  Origin.manual(sourceId, reason),
                  null,
                  null,
                  out,
                  "MANUAL"));
      ObjectNode in = Json.object();
      in.set(
          "source_voucher",
          Json.object().put("id", source.voucher.id()).put("code", source.voucher.code()));
      ledger.apply(
          destination,
          new PointsChange(
              PointsChange.TRANSFER_IN,
              points,
              new Origin(sourceId, "API", reason, null, taken.transaction().id()),
              "PROGRAM_RULES",
              null,
              in,
              "MANUAL"));
    }
    return vouchers.toJson(destination.voucher);
  }

  /** The card's ledger, newest first, paged by {@code starting_after_id}. */
  public Map<String, Object> transactions(
      ProjectId project, String programRef, String code, String startingAfterId, int limit) {
    CardContext ctx = contexts.member(project, programRef, code);
    List<CardRepository.Transaction> rows =
        cards.transactions(ctx.voucher.id(), startingAfterId, limit + 1);
    boolean more = rows.size() > limit;
    List<ObjectNode> items =
        rows.subList(0, Math.min(limit, rows.size())).stream()
            .map(LoyaltyJson::transaction)
            .toList();
    Map<String, Object> out = ListResponse.of("data", items, null, more);
    if (more) {
      out.put("more_starting_after", items.get(items.size() - 1).path("id").asString());
    }
    return out;
  }

  /** The card's expiring points ({@code loyalty_points_bucket}s), soonest first. */
  public Map<String, Object> pointsExpiration(
      ProjectId project, String programRef, String code, Page page) {
    CardContext ctx = contexts.member(project, programRef, code);
    List<ObjectNode> items =
        expiring.buckets(ctx.voucher.id(), page.fetchSize(), page.offset()).stream()
            .map(LoyaltyJson::bucket)
            .toList();
    return ListResponse.page("data", items, page, expiring.bucketCount(ctx.voucher.id()));
  }

  /** {@code GET /v1/loyalties/members/{code}/tiers}: the member's tier (none or one). */
  public Map<String, Object> memberTiers(ProjectId project, String code) {
    CardContext ctx = contexts.card(project, code);
    Optional<Card> card = cards.find(ctx.voucher.id());
    List<ObjectNode> items =
        card.filter(c -> c.tierId() != null)
            .flatMap(c -> tiers.byId(project, c.tierId()).map(t -> LoyaltyJson.memberTier(t, c)))
            .map(List::of)
            .orElse(List.of());
    return ListResponse.of("data", items, (long) items.size(), false);
  }
}
