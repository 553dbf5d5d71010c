package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads a campaign create/update body into a {@link Campaign}, rejecting what cannot work. */
final class CampaignReader {

  static final int MAX_VOUCHERS = 1_000_000;

  private CampaignReader() {}

  static Campaign create(ProjectId project, Body body, Instant now, CampaignExtensions ext) {
    String name = body.requiredString("name");
    String campaignType =
        body.oneOf("campaign_type", CampaignType.names()).orElse("DISCOUNT_COUPONS");
    CampaignType kind = CampaignType.valueOf(campaignType);
    if (!ext.runs(kind)) {
      throw body.invalid("campaign_type", campaignType + " is not supported yet");
    }
    ObjectNode voucher = kind.hasCodes ? template(body, kind, ext) : null;
    int count = vouchersCount(body);
    if (voucher != null && count > 0) {
      CodeGenerator.checkCapacity(CodeConfig.fromJson(voucher.get("code_config")), count);
    }
    return new Campaign(
        Ids.newId("camp_"),
        project,
        name,
        body.string("description").orElse(null),
        campaignType,
        body.oneOf("type", CampaignType.POOL_TYPES).orElse("AUTO_UPDATE"),
        body.bool("join_once").orElse(false),
        body.bool("auto_join").orElse(false),
        voucher,
        referral(body, kind),
        Validity.from(body, Validity.NONE),
        activityDuration(body).orElse(null),
        body.string("category").orElse(null),
        body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
        true,
        count,
        "DONE",
        now,
        null);
  }

  static Campaign update(Campaign c, Body body, Instant now, CampaignExtensions ext) {
    CampaignType kind = CampaignType.valueOf(c.campaignType());
    ObjectNode voucher = c.voucher();
    if (kind.hasCodes && hasTemplateFields(body)) {
      voucher = mergeTemplate(c.voucher(), body, kind, ext);
    }
    return new Campaign(
        c.id(),
        c.projectId(),
        body.has("name") ? body.requiredString("name") : c.name(),
        body.has("description") ? body.string("description").orElse(null) : c.description(),
        c.campaignType(),
        body.oneOf("type", CampaignType.POOL_TYPES).orElse(c.type()),
        body.bool("join_once").orElse(c.joinOnce()),
        body.bool("auto_join").orElse(c.autoJoin()),
        voucher,
        body.has("referral_program") ? referral(body, kind) : c.referralProgram(),
        Validity.from(body, c.validity()),
        body.has("activity_duration_after_publishing")
            ? activityDuration(body).orElse(null)
            : c.activityDurationAfterPublishing(),
        body.has("category") ? body.string("category").orElse(null) : c.category(),
        body.metadata("metadata").map(ObjectNode::deepCopy).orElse(c.metadata()),
        c.active(),
        c.vouchersTarget(),
        c.generationStatus(),
        c.createdAt(),
        now);
  }

  private static boolean hasTemplateFields(Body body) {
    return body.has("voucher")
        || body.has("discount")
        || body.has("gift")
        || body.has("loyalty_card")
        || body.has("code_config");
  }

  static int vouchersCount(Body body) {
    long count = body.integer("vouchers_count").orElse(0L);
    if (count < 0 || count > MAX_VOUCHERS) {
      throw body.invalid("vouchers_count", "must be between 0 and " + MAX_VOUCHERS);
    }
    return (int) count;
  }

  private static Optional<String> activityDuration(Body body) {
    Optional<String> value = body.string("activity_duration_after_publishing");
    if (value.isPresent() && Validity.parse(value.get()) == null) {
      throw body.invalid(
          "activity_duration_after_publishing", "must be an ISO-8601 duration such as P24D");
    }
    return value;
  }

  private static JsonNode referral(Body body, CampaignType kind) {
    Optional<Body> program = body.object("referral_program");
    if (program.isPresent()) {
      program.get().oneOf("conversion_event_type", java.util.List.of("redemption", "custom_event"));
    }
    return program.map(p -> (JsonNode) p.node().deepCopy()).orElse(null);
  }

  private static ObjectNode template(Body body, CampaignType kind, CampaignExtensions ext) {
    Body voucher = body.object("voucher").orElse(Body.of(Json.object(), body.errorKey()));
    return mergeTemplate(Json.object(), voucher, kind, ext);
  }

  /** The voucher template with the fields of {@code v} applied and checked. */
  private static ObjectNode mergeTemplate(
      ObjectNode current, Body body, CampaignType kind, CampaignExtensions ext) {
    Body v = body.object("voucher").orElse(body);
    ObjectNode out = current == null ? Json.object() : current.deepCopy();
    String type =
        v.oneOf("type", CampaignType.TEMPLATE_TYPES)
            .orElse(out.path("type").asString(kind.voucherType));
    if (!type.equals(kind.voucherType)) {
      throw v.invalid("type", "must be " + kind.voucherType + " in a " + kind + " campaign");
    }
    out.put("type", type);
    if (v.has("discount")) {
      out.set(
          "discount",
          Discounts.read(
              v.object("discount").orElseThrow(() -> v.invalid("discount", "must be an object"))));
    }
    if ("DISCOUNT_VOUCHER".equals(type) && !out.has("discount")) {
      throw v.invalid("discount", "is required for DISCOUNT_VOUCHER codes");
    }
    if (v.has("gift")) {
      Body gift = v.object("gift").orElseThrow(() -> v.invalid("gift", "must be an object"));
      long amount = gift.integer("amount").orElseThrow(() -> gift.invalid("amount", "is required"));
      if (amount < 0) {
        throw gift.invalid("amount", "must not be negative");
      }
      gift.oneOf("effect", java.util.List.of("APPLY_TO_ORDER", "APPLY_TO_ITEMS"));
      out.set("gift", gift.node().deepCopy());
    }
    if ("GIFT_VOUCHER".equals(type) && !out.has("gift")) {
      throw v.invalid("gift", "is required for GIFT_VOUCHER codes");
    }
    Optional<CampaignTypeSupport> support = ext.of(kind.name());
    if (support.isPresent()) {
      Optional<ObjectNode> own = support.get().readTemplate(v, out);
      own.ifPresent(o -> o.properties().forEach(e -> out.set(e.getKey(), e.getValue())));
    }
    if (v.has("redemption")) {
      Body r = v.object("redemption").orElse(Body.of(Json.object(), v.errorKey()));
      Optional<Long> q = r.integer("quantity");
      if (q.isPresent() && q.get() < 1) {
        throw r.invalid("quantity", "must be at least 1 (or null for unlimited)");
      }
      out.set("redemption", r.node().deepCopy());
    }
    if (v.has("code_config") || !out.has("code_config")) {
      Body cc = v.object("code_config").orElse(Body.of(Json.object(), "invalid_code_config"));
      out.set("code_config", CodeConfig.from(cc).toJson());
    }
    if (v.has("is_referral_code") || kind == CampaignType.REFERRAL_PROGRAM) {
      out.put(
          "is_referral_code",
          v.bool("is_referral_code").orElse(kind == CampaignType.REFERRAL_PROGRAM));
    }
    return out;
  }

  static ApiException duplicateName(String name) {
    return ApiException.conflict("duplicate_found", "A campaign named " + name + " already exists");
  }
}
