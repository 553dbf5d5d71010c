package dev.herald.campaigns;

import dev.herald.rules.ValidationRules;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** The Voucherify {@code voucher} object. */
@Component
class VoucherJson {

  private final AssetUrls urls;
  private final CampaignRepository campaigns;
  private final ValidationRules rules;
  private final CampaignExtensions extensions;

  VoucherJson(
      AssetUrls urls,
      CampaignRepository campaigns,
      ValidationRules rules,
      CampaignExtensions extensions) {
    this.urls = urls;
    this.campaigns = campaigns;
    this.rules = rules;
    this.extensions = extensions;
  }

  ObjectNode toJson(Voucher v) {
    Campaign c = v.campaignId() == null ? null : campaigns.byId(v.campaignId()).orElse(null);
    return toJson(v, c);
  }

  ObjectNode toJson(Voucher v, Campaign c) {
    return toJson(v, c, codeConfig(c), rules.assignmentsJson(v.projectId(), v.id()));
  }

  /** Vouchers of one campaign (or none), their rule assignments read in one query. */
  java.util.List<ObjectNode> toJsonAll(java.util.List<Voucher> vs, Campaign c) {
    if (vs.isEmpty()) {
      return java.util.List.of();
    }
    java.util.Map<String, ObjectNode> assignments =
        rules.assignmentsJson(vs.get(0).projectId(), vs.stream().map(Voucher::id).toList());
    ObjectNode codeConfig = codeConfig(c);
    return vs.stream()
        .map(
            v ->
                toJson(
                    v,
                    c,
                    codeConfig == null ? null : codeConfig.deepCopy(),
                    assignments.get(v.id())))
        .toList();
  }

  /** The campaign's code settings as vouchers show them ({@code null} JSON without a campaign). */
  private static ObjectNode codeConfig(Campaign c) {
    return c == null ? null : c.codeConfig().toJson();
  }

  private ObjectNode toJson(Voucher v, Campaign c, ObjectNode codeConfig, ObjectNode assignments) {
    ObjectNode out = Json.object();
    out.put("id", v.id());
    out.put("code", v.code());
    out.set("code_config", codeConfig == null ? Json.nullNode() : codeConfig);
    out.put("campaign", c == null ? null : c.name());
    out.put("campaign_id", v.campaignId());
    out.put("category", v.category());
    out.putNull("category_id");
    out.set("categories", Json.array());
    out.put("type", v.type());
    out.set("discount", v.discount() == null ? Json.nullNode() : v.discount());
    if (v.gift()) {
      ObjectNode gift = Json.object();
      gift.put("amount", v.giftAmount());
      gift.put("balance", v.giftBalance());
      gift.put("effect", v.giftEffect() == null ? "APPLY_TO_ORDER" : v.giftEffect());
      out.set("gift", gift);
    } else {
      out.putNull("gift");
    }
    out.set(
        "loyalty_card",
        extensions
            .ofVoucher(v)
            .flatMap(s -> s.voucherValue(v))
            .map(n -> (tools.jackson.databind.JsonNode) n)
            .orElse(Json.nullNode()));
    Validity effective = c == null ? v.validity() : v.validity().or(c.validity());
    effective.write(out);
    out.put("active", v.active());
    out.put("additional_info", v.additionalInfo());
    out.set("metadata", v.metadata());
    ObjectNode assets = Json.object();
    assets.set("qr", Json.object().put("id", v.assetKey()).put("url", urls.qr(v.assetKey())));
    assets.set(
        "barcode", Json.object().put("id", v.assetKey()).put("url", urls.barcode(v.assetKey())));
    out.set("assets", assets);
    out.put("is_referral_code", v.referralCode());
    out.put("holder_id", v.holderId());
    out.putNull("referrer_id");
    out.put("created_at", Times.format(v.createdAt()));
    out.put("updated_at", Times.format(v.updatedAt()));
    ObjectNode publish = Json.object().put("object", "list").put("count", v.publishCount());
    publish.put("url", "/v1/vouchers/" + v.code() + "/publications?page=1&limit=10");
    out.set("publish", publish);
    ObjectNode redemption = Json.object().put("object", "list");
    redemption.put("quantity", v.redemptionQuantity());
    redemption.put("redeemed_quantity", v.redeemedQuantity());
    redemption.put("url", "/v1/vouchers/" + v.code() + "/redemption?page=1&limit=10");
    out.set("redemption", redemption);
    out.set("validation_rules_assignments", assignments);
    out.put("object", "voucher");
    return out;
  }
}
