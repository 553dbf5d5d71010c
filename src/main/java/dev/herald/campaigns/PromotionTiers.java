package dev.herald.campaigns;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.rules.ValidationRules;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Promotion tiers of PROMOTION campaigns ({@code /v1/promotions/...}). */
@Service
public class PromotionTiers {

  private final PromotionTierRepository tiers;
  private final CampaignRepository campaigns;
  private final ValidationRules rules;
  private final EventLog eventLog;
  private final Clock clock;

  PromotionTiers(
      PromotionTierRepository tiers,
      CampaignRepository campaigns,
      ValidationRules rules,
      EventLog eventLog,
      Clock clock) {
    this.tiers = tiers;
    this.campaigns = campaigns;
    this.rules = rules;
    this.eventLog = eventLog;
    this.clock = clock;
  }

  @Transactional
  public ObjectNode create(ProjectId project, String campaignIdOrName, Body body) {
    Campaign c =
        campaigns
            .find(project, campaignIdOrName, true)
            .orElseThrow(() -> ApiException.notFound("campaign", campaignIdOrName));
    if (!"PROMOTION".equals(c.campaignType())) {
      throw ApiException.badRequest(
          "invalid_campaign", "Campaign " + c.name() + " is not a PROMOTION campaign");
    }
    PromotionTier tier = insert(c, body, tiers.nextHierarchy(c.id()));
    ObjectNode json = toJson(tier, c);
    append(project, "campaign.promotion_tier.created", json);
    return json;
  }

  /** Adds a tier read from {@code body} to a campaign being created or edited. */
  PromotionTier insert(Campaign c, Body body, int defaultHierarchy) {
    Instant now = clock.instant();
    Body action = body.object("action").orElseThrow(() -> body.invalid("action", "is required"));
    ObjectNode actionJson = Json.object();
    actionJson.set(
        "discount",
        Discounts.read(
            action
                .object("discount")
                .orElseThrow(() -> action.invalid("discount", "is required"))));
    PromotionTier tier =
        new PromotionTier(
            Ids.newId("promo_"),
            c.projectId(),
            c.id(),
            body.requiredString("name"),
            body.string("banner").orElse(null),
            actionJson,
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
            body.integer("hierarchy").map(Long::intValue).orElse(defaultHierarchy),
            body.bool("active").orElse(true),
            Validity.from(body, Validity.NONE),
            0,
            now,
            null);
    tiers.insert(tier);
    for (String ruleId : body.strings("validation_rules").orElse(List.of())) {
      rules.assign(c.projectId(), ruleId, "promotion_tier", tier.id());
    }
    return tier;
  }

  @Transactional
  public ObjectNode update(ProjectId project, String id, Body body) {
    PromotionTier t = find(project, id);
    ObjectNode action = (ObjectNode) t.action();
    if (body.has("action")) {
      Body a = body.object("action").orElseThrow(() -> body.invalid("action", "must be an object"));
      action = Json.object();
      action.set(
          "discount",
          Discounts.read(
              a.object("discount").orElseThrow(() -> a.invalid("discount", "is required"))));
    }
    PromotionTier updated =
        new PromotionTier(
            t.id(),
            t.projectId(),
            t.campaignId(),
            body.has("name") ? body.requiredString("name") : t.name(),
            body.has("banner") ? body.string("banner").orElse(null) : t.banner(),
            action,
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(t.metadata()),
            body.integer("hierarchy").map(Long::intValue).orElse(t.hierarchy()),
            body.bool("active").orElse(t.active()),
            Validity.from(body, t.validity()),
            t.redeemedCount(),
            t.createdAt(),
            clock.instant());
    tiers.update(updated);
    ObjectNode json = toJson(updated);
    append(project, "campaign.promotion_tier.updated", json);
    return json;
  }

  @Transactional
  public void delete(ProjectId project, String id) {
    PromotionTier t = find(project, id);
    tiers.softDelete(t.id(), clock.instant());
    rules.unassignObject(project, t.id());
    append(project, "campaign.promotion_tier.deleted", toJson(t));
  }

  public ObjectNode get(ProjectId project, String id) {
    return toJson(find(project, id));
  }

  PromotionTier find(ProjectId project, String id) {
    return tiers.byId(project, id).orElseThrow(() -> ApiException.notFound("promotion_tier", id));
  }

  Optional<PromotionTier> findOptional(ProjectId project, String id) {
    return tiers.byId(project, id);
  }

  public Map<String, Object> ofCampaign(ProjectId project, String campaignIdOrName) {
    Campaign c =
        campaigns
            .find(project, campaignIdOrName, false)
            .orElseThrow(() -> ApiException.notFound("campaign", campaignIdOrName));
    List<ObjectNode> items = tiers.ofCampaign(c.id()).stream().map(t -> toJson(t, c)).toList();
    return ListResponse.of("tiers", items, (long) items.size(), false);
  }

  public Map<String, Object> all(ProjectId project, Boolean available, Page page) {
    List<ObjectNode> items =
        tiers.all(project, page.fetchSize(), page.offset()).stream()
            .filter(t -> available == null || available == t.active())
            .map(this::toJson)
            .toList();
    return ListResponse.page("tiers", items, page, tiers.countAll(project));
  }

  /** The tiers list embedded in a PROMOTION campaign. */
  ObjectNode listJson(Campaign c) {
    ArrayNode data = Json.array();
    tiers.ofCampaign(c.id()).forEach(t -> data.add(toJson(t, c)));
    ObjectNode out = Json.object().put("object", "list").put("data_ref", "tiers");
    out.set("tiers", data);
    out.put("total", data.size());
    out.put("has_more", false);
    return out;
  }

  public ObjectNode toJson(PromotionTier t) {
    return toJson(t, campaigns.byId(t.campaignId()).orElse(null));
  }

  ObjectNode toJson(PromotionTier t, Campaign c) {
    ObjectNode out = Json.object();
    out.put("id", t.id());
    out.put("created_at", Times.format(t.createdAt()));
    out.put("updated_at", Times.format(t.updatedAt()));
    out.put("name", t.name());
    out.put("banner", t.banner());
    out.set("action", t.action());
    out.set("metadata", t.metadata());
    out.put("hierarchy", t.hierarchy());
    out.put("campaign_id", t.campaignId());
    if (c != null) {
      ObjectNode campaign = Json.object().put("id", c.id());
      campaign.put("start_date", Times.format(c.validity().startDate()));
      campaign.put("expiration_date", Times.format(c.validity().expirationDate()));
      campaign.put("active", c.active());
      campaign.put("object", "campaign");
      out.set("campaign", campaign);
    }
    out.put("active", t.active());
    t.validity().write(out);
    ObjectNode summary = Json.object();
    summary.set("redemptions", Json.object().put("total_redeemed", t.redeemedCount()));
    out.set("summary", summary);
    out.set("validation_rule_assignments", rules.assignmentsJson(t.projectId(), t.id()));
    out.put("object", "promotion_tier");
    return out;
  }

  private void append(ProjectId project, String type, ObjectNode tier) {
    eventLog.append(NewEvent.of(project, type, null, Json.object().set("promotion_tier", tier)));
  }
}
