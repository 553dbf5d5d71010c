package dev.herald.campaigns;

import dev.herald.customers.Customers;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.rules.ValidationRules;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Codes: standalone or in a campaign; enable/disable, edit, delete, list; gift card balance.
 * Appends {@code voucher.created|updated|deleted|enabled|disabled}; adding credits appends {@code
 * customer.voucher.gift.balance_added}.
 */
@Service
public class Vouchers {

  private final VoucherRepository vouchers;
  private final CampaignRepository campaigns;
  private final TransactionRepository transactions;
  private final VoucherJson json;
  private final ValidationRules rules;
  private final Customers customers;
  private final CampaignExtensions extensions;
  private final EventLog eventLog;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Vouchers(
      VoucherRepository vouchers,
      CampaignRepository campaigns,
      TransactionRepository transactions,
      VoucherJson json,
      ValidationRules rules,
      Customers customers,
      CampaignExtensions extensions,
      EventLog eventLog,
      Clock clock) {
    this.vouchers = vouchers;
    this.campaigns = campaigns;
    this.transactions = transactions;
    this.json = json;
    this.rules = rules;
    this.customers = customers;
    this.extensions = extensions;
    this.eventLog = eventLog;
    this.clock = clock;
  }

  /** {@code POST /v1/vouchers[/{code}]}: a standalone code, or one in the body's campaign. */
  @Transactional
  public ObjectNode create(ProjectId project, String code, Body body) {
    Optional<String> campaignRef = body.string("campaign_id").or(() -> body.string("campaign"));
    if (campaignRef.isPresent()) {
      Campaign c =
          campaigns
              .find(project, campaignRef.get(), true)
              .orElseThrow(() -> ApiException.notFound("campaign", campaignRef.get()));
      return createInCampaign(project, c, code, body);
    }
    String type =
        body.oneOf("type", CampaignType.VOUCHER_TYPES)
            .orElseThrow(
                () -> body.invalid("type", "is required (DISCOUNT_VOUCHER or GIFT_VOUCHER)"));
    ObjectNode discount = null;
    Long gift = null;
    if (type.equals("DISCOUNT_VOUCHER")) {
      discount =
          Discounts.read(
              body.object("discount").orElseThrow(() -> body.invalid("discount", "is required")));
    } else {
      Body g = body.object("gift").orElseThrow(() -> body.invalid("gift", "is required"));
      gift = g.integer("amount").orElseThrow(() -> g.invalid("amount", "is required"));
      if (gift < 0) {
        throw g.invalid("amount", "must not be negative");
      }
    }
    String finalCode =
        code != null
            ? code
            : CodeConfig.from(
                    body.object("code_config")
                        .orElse(Body.of(Json.object(), "invalid_code_config")))
                .generate(random);
    Voucher v =
        new Voucher(
            Ids.newId("v_"),
            project,
            null,
            finalCode,
            type,
            body.string("category").orElse(null),
            discount,
            gift,
            gift,
            null,
            Validity.from(body, Validity.NONE),
            body.bool("active").orElse(true),
            body.string("additional_info").orElse(null),
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
            false,
            null,
            null,
            0,
            quantity(body, null),
            0,
            Ids.newKey(),
            clock.instant(),
            null);
    return insert(project, v, body);
  }

  /** Adds one code to a campaign, made from its template with the body's overrides. */
  ObjectNode createInCampaign(ProjectId project, Campaign c, String code, Body body) {
    Instant now = clock.instant();
    Voucher t =
        CodeGenerator.template(c, code != null ? code : c.codeConfig().generate(random), now);
    Voucher v =
        new Voucher(
            t.id(),
            project,
            c.id(),
            t.code(),
            t.type(),
            body.string("category").orElse(t.category()),
            t.discount(),
            t.giftAmount(),
            t.giftBalance(),
            t.giftEffect(),
            Validity.from(body, Validity.NONE),
            body.bool("active").orElse(true),
            body.string("additional_info").orElse(null),
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
            t.referralCode(),
            null,
            null,
            0,
            quantity(body, t.redemptionQuantity()),
            0,
            t.assetKey(),
            now,
            null);
    return insert(project, v, body);
  }

  private static Integer quantity(Body body, Integer fallback) {
    Optional<Body> r = body.object("redemption");
    if (r.isEmpty() || !r.get().has("quantity")) {
      return fallback;
    }
    Optional<Long> q = r.get().integer("quantity");
    if (q.isPresent() && q.get() < 1) {
      throw r.get().invalid("quantity", "must be at least 1 (or null for unlimited)");
    }
    return q.map(Long::intValue).orElse(null);
  }

  private ObjectNode insert(ProjectId project, Voucher v, Body body) {
    if (v.code().isBlank() || v.code().length() > 255) {
      throw ApiException.badRequest("invalid_voucher", "code must have 1 to 255 characters");
    }
    Voucher stored =
        vouchers
            .insert(v)
            .orElseThrow(
                () ->
                    ApiException.conflict(
                        "duplicate_found", "A voucher with code " + v.code() + " already exists"));
    for (String ruleId : body.strings("validation_rules").orElse(List.of())) {
      rules.assign(project, ruleId, "voucher", stored.id());
    }
    ObjectNode out = json.toJson(stored);
    append(stored, "voucher.created", out);
    return out;
  }

  @Transactional
  public ObjectNode update(ProjectId project, String code, Body body) {
    Voucher v = lock(project, code);
    JsonNodeHolder discount = new JsonNodeHolder(v.discount());
    if (body.has("discount") && !v.gift()) {
      discount.value =
          Discounts.read(
              body.object("discount")
                  .orElseThrow(() -> body.invalid("discount", "must be an object")));
    }
    Voucher updated =
        new Voucher(
            v.id(),
            v.projectId(),
            v.campaignId(),
            v.code(),
            v.type(),
            body.has("category") ? body.string("category").orElse(null) : v.category(),
            discount.value,
            v.giftAmount(),
            v.giftBalance(),
            v.giftEffect(),
            Validity.from(body, v.validity()),
            body.bool("active").orElse(v.active()),
            body.has("additional_info")
                ? body.string("additional_info").orElse(null)
                : v.additionalInfo(),
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(v.metadata()),
            v.referralCode(),
            v.holderId(),
            v.publishedAt(),
            v.publishCount(),
            quantity(body, v.redemptionQuantity()),
            v.redeemedQuantity(),
            v.assetKey(),
            v.createdAt(),
            clock.instant());
    if (updated.redemptionQuantity() != null
        && updated.redemptionQuantity() < v.redeemedQuantity()) {
      throw ApiException.badRequest(
          "invalid_voucher",
          "redemption.quantity is below the " + v.redeemedQuantity() + " redemptions made");
    }
    vouchers.update(updated);
    ObjectNode out = json.toJson(updated);
    append(updated, "voucher.updated", out);
    return out;
  }

  private static final class JsonNodeHolder {
    tools.jackson.databind.JsonNode value;

    JsonNodeHolder(tools.jackson.databind.JsonNode value) {
      this.value = value;
    }
  }

  @Transactional
  public ObjectNode setActive(ProjectId project, String code, boolean active) {
    Voucher v = lock(project, code);
    if (v.active() == active) {
      return json.toJson(v);
    }
    Voucher updated =
        new Voucher(
            v.id(),
            v.projectId(),
            v.campaignId(),
            v.code(),
            v.type(),
            v.category(),
            v.discount(),
            v.giftAmount(),
            v.giftBalance(),
            v.giftEffect(),
            v.validity(),
            active,
            v.additionalInfo(),
            v.metadata(),
            v.referralCode(),
            v.holderId(),
            v.publishedAt(),
            v.publishCount(),
            v.redemptionQuantity(),
            v.redeemedQuantity(),
            v.assetKey(),
            v.createdAt(),
            clock.instant());
    vouchers.update(updated);
    ObjectNode out = json.toJson(updated);
    append(updated, active ? "voucher.enabled" : "voucher.disabled", out);
    return out;
  }

  @Transactional
  public void delete(ProjectId project, String code) {
    Voucher v = lock(project, code);
    ObjectNode out = json.toJson(v);
    vouchers.softDelete(v.id(), clock.instant());
    rules.unassignObject(project, v.id());
    append(v, "voucher.deleted", out);
  }

  public ObjectNode get(ProjectId project, String code) {
    return json.toJson(find(project, code));
  }

  Voucher find(ProjectId project, String code) {
    return vouchers
        .byCode(project, code, false)
        .orElseThrow(() -> ApiException.notFound("voucher", code));
  }

  private Voucher lock(ProjectId project, String code) {
    return vouchers
        .byCode(project, code, true)
        .orElseThrow(() -> ApiException.notFound("voucher", code));
  }

  /** A live code by its code (or id), for modules that act on codes of their campaign type. */
  public Optional<Voucher> byCode(ProjectId project, String code) {
    return vouchers.byIdOrCode(project, code);
  }

  /** The live codes a customer holds in a campaign, oldest first. */
  public List<Voucher> heldBy(ProjectId project, String customerId, String campaignId) {
    return vouchers.heldBy(project, customerId, campaignId);
  }

  /** The referral codes a customer holds, in every campaign, oldest first. */
  public List<Voucher> referralCodesOf(ProjectId project, String customerId) {
    return vouchers.referralCodesOf(project, customerId);
  }

  /** The Voucherify JSON of this code. */
  public ObjectNode toJson(Voucher v) {
    return json.toJson(v);
  }

  /**
   * The codes of a campaign that have a holder (a loyalty program's members), newest first, as
   * Voucherify {@code vouchers}.
   */
  public Map<String, Object> listHeld(
      ProjectId project, String campaignId, java.time.Instant[] created, Page page) {
    VoucherQuery q =
        new VoucherQuery(
            campaignId, null, null, created[0], created[1], null, null, null, false, true);
    List<ObjectNode> items =
        vouchers.list(project, q, page.fetchSize(), page.offset()).stream()
            .map(json::toJson)
            .toList();
    return ListResponse.page("vouchers", items, page, vouchers.count(project, q));
  }

  /** The Voucherify JSON of a voucher, for message templates ({@code voucher.assets.qr.url}...). */
  public Optional<ObjectNode> json(ProjectId project, String code) {
    return vouchers.byCode(project, code, false).map(json::toJson);
  }

  public Map<String, Object> list(
      ProjectId project,
      String campaign,
      String customer,
      String category,
      java.time.Instant[] created,
      java.time.Instant[] updated,
      boolean ascending,
      Page page) {
    String campaignId = null;
    if (campaign != null) {
      campaignId = campaigns.find(project, campaign, false).map(Campaign::id).orElse("none");
    }
    String customerId = null;
    if (customer != null) {
      customerId = customers.find(project, customer).map(c -> c.id()).orElse("none");
    }
    VoucherQuery q =
        new VoucherQuery(
            campaignId,
            customerId,
            category,
            created[0],
            created[1],
            updated[0],
            updated[1],
            null,
            ascending,
            false);
    List<ObjectNode> items =
        vouchers.list(project, q, page.fetchSize(), page.offset()).stream()
            .map(json::toJson)
            .toList();
    return ListResponse.page("vouchers", items, page, vouchers.count(project, q));
  }

  /**
   * Adds ({@code amount > 0}) or removes credits of a gift card. A repeated {@code source_id}
   * returns the first answer and changes nothing. Never takes the balance below zero.
   */
  @Transactional
  public ObjectNode balance(ProjectId project, String code, Body body) {
    Voucher v = lock(project, code);
    Optional<ObjectNode> other =
        extensions.ofVoucher(v).flatMap(s -> s.changeBalance(project, v, body));
    if (other.isPresent()) {
      return other.get();
    }
    long amount = body.integer("amount").orElseThrow(() -> body.invalid("amount", "is required"));
    if (!v.gift()) {
      throw ApiException.badRequest(
          "invalid_add_balance_params", "Voucher " + code + " is not a gift card");
    }
    if (amount == 0) {
      throw body.invalid("amount", "must not be 0");
    }
    Optional<String> sourceId = body.string("source_id");
    if (sourceId.isPresent()) {
      Optional<ObjectNode> earlier = transactions.bySourceId(v, sourceId.get());
      if (earlier.isPresent()) {
        return balanceJson(
            v,
            earlier.get().path("details").path("balance").path("amount").asLong(),
            earlier.get().path("details").path("balance").path("balance").asLong(),
            v.giftAmount());
      }
    }
    Instant now = clock.instant();
    long balance =
        vouchers
            .changeBalance(v.id(), amount, true, now)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "gift_amount_exceeded",
                        "Removing " + -amount + " would take the balance of " + code + " below 0"));
    Voucher after = vouchers.byCode(project, code, false).orElseThrow();
    ObjectNode transaction =
        transactions.insert(
            project,
            after,
            sourceId.orElse(null),
            amount > 0 ? "CREDITS_ADDITION" : "CREDITS_REMOVAL",
            amount,
            balance,
            body.string("reason").orElse(null),
            null,
            now);
    ObjectNode response = balanceJson(after, amount, balance, after.giftAmount());
    if (amount > 0) {
      ObjectNode data = Json.object();
      data.set(
          "customer",
          after.holderId() == null
              ? Json.nullNode()
              : customers
                  .find(project, after.holderId())
                  .map(customers::toJson)
                  .map(n -> (tools.jackson.databind.JsonNode) n)
                  .orElse(Json.nullNode()));
      data.set("campaign", campaignBrief(after));
      data.set("voucher", json.toJson(after));
      data.set("balance", response);
      data.set("transaction", transaction);
      eventLog.append(
          NewEvent.of(project, "customer.voucher.gift.balance_added", after.holderId(), data));
    }
    return response;
  }

  public Map<String, Object> transactions(ProjectId project, String code, int limit) {
    Voucher v = find(project, code);
    List<ObjectNode> items =
        extensions
            .ofVoucher(v)
            .map(s -> s.transactions(project, v, limit))
            .orElseGet(() -> transactions.ofVoucher(v, limit));
    return ListResponse.of("data", items, null, false);
  }

  private static ObjectNode balanceJson(Voucher v, long amount, long balance, Long total) {
    ObjectNode out = Json.object();
    out.put("amount", amount);
    out.put("total", total);
    out.put("balance", balance);
    out.put("type", "gift_voucher");
    out.put("operation_type", "MANUAL");
    out.put("object", "balance");
    out.set("related_object", Json.object().put("type", "voucher").put("id", v.id()));
    return out;
  }

  private tools.jackson.databind.JsonNode campaignBrief(Voucher v) {
    if (v.campaignId() == null) {
      return Json.nullNode();
    }
    return campaigns
        .byId(v.campaignId())
        .map(
            c ->
                (tools.jackson.databind.JsonNode)
                    Json.object()
                        .put("id", c.id())
                        .put("name", c.name())
                        .put("campaign_type", c.campaignType())
                        .put("object", "campaign"))
        .orElse(Json.nullNode());
  }

  private void append(Voucher v, String type, ObjectNode voucher) {
    eventLog.append(NewEvent.of(v.projectId(), type, null, Json.object().set("voucher", voucher)));
  }
}
