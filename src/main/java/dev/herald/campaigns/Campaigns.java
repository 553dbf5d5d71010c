package dev.herald.campaigns;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.rules.ValidationRules;
import dev.herald.shared.ApiException;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Campaigns: create (with code generation, in the background above {@link #SYNC_LIMIT} codes),
 * edit, enable/disable, delete, list, and adding codes. Appends {@code campaign.created|updated|
 * deleted|enabled|disabled}, {@code campaign.vouchers.added} and the generation events.
 */
@Service
public class Campaigns {

  /** Up to this many codes are made inside the create request; more are made in the background. */
  static final int SYNC_LIMIT = 100;

  private final CampaignRepository campaigns;
  private final VoucherRepository vouchers;
  private final CodeGenerator generator;
  private final GenerationQueue generation;
  private final PromotionTiers tiers;
  private final Vouchers voucherFacade;
  private final ValidationRules rules;
  private final CampaignExtensions extensions;
  private final EventLog eventLog;
  private final Clock clock;

  Campaigns(
      CampaignRepository campaigns,
      VoucherRepository vouchers,
      CodeGenerator generator,
      GenerationQueue generation,
      PromotionTiers tiers,
      Vouchers voucherFacade,
      ValidationRules rules,
      CampaignExtensions extensions,
      EventLog eventLog,
      Clock clock) {
    this.campaigns = campaigns;
    this.vouchers = vouchers;
    this.generator = generator;
    this.generation = generation;
    this.tiers = tiers;
    this.voucherFacade = voucherFacade;
    this.rules = rules;
    this.extensions = extensions;
    this.eventLog = eventLog;
    this.clock = clock;
  }

  @Transactional
  public ObjectNode create(ProjectId project, Body body) {
    Instant now = clock.instant();
    Campaign c = CampaignReader.create(project, body, now, extensions);
    Optional<CampaignTypeSupport> support = extensions.of(c.campaignType());
    support.ifPresent(s -> s.check(project, body));
    if (!campaigns.insert(c)) {
      throw CampaignReader.duplicateName(c.name());
    }
    support.ifPresent(s -> s.created(project, c, body));
    for (String ruleId : body.strings("validation_rules").orElse(List.of())) {
      rules.assign(project, ruleId, "campaign", c.id());
    }
    if ("PROMOTION".equals(c.campaignType())) {
      Optional<Body> promotion = body.object("promotion");
      List<Body> list = promotion.flatMap(p -> p.objects("tiers")).orElse(List.of());
      for (int i = 0; i < list.size(); i++) {
        tiers.insert(c, list.get(i), i + 1);
      }
    }
    if (c.vouchersTarget() > SYNC_LIMIT) {
      generation.start(c, c.vouchersTarget());
    } else if (c.vouchersTarget() > 0) {
      generator.generate(c, c.vouchersTarget(), now);
    }
    Campaign stored = campaigns.byId(c.id()).orElseThrow();
    ObjectNode json = toJson(stored);
    append(project, "campaign.created", json);
    return json;
  }

  @Transactional
  public ObjectNode update(ProjectId project, String idOrName, Body body) {
    Campaign c = lock(project, idOrName);
    Campaign updated = CampaignReader.update(c, body, clock.instant(), extensions);
    if (!updated.name().equals(c.name())
        && campaigns.find(project, updated.name(), false).isPresent()) {
      throw CampaignReader.duplicateName(updated.name());
    }
    Optional<CampaignTypeSupport> support = extensions.of(c.campaignType());
    support.ifPresent(s -> s.check(project, body));
    campaigns.update(updated);
    support.ifPresent(s -> s.updated(project, updated, body));
    ObjectNode json = toJson(updated);
    append(project, "campaign.updated", json);
    return json;
  }

  @Transactional
  public ObjectNode setActive(ProjectId project, String idOrName, boolean active) {
    Campaign c = lock(project, idOrName);
    if (c.active() == active) {
      return toJson(c);
    }
    Campaign updated =
        new Campaign(
            c.id(),
            c.projectId(),
            c.name(),
            c.description(),
            c.campaignType(),
            c.type(),
            c.joinOnce(),
            c.autoJoin(),
            c.voucher(),
            c.referralProgram(),
            c.validity(),
            c.activityDurationAfterPublishing(),
            c.category(),
            c.metadata(),
            active,
            c.vouchersTarget(),
            c.generationStatus(),
            c.createdAt(),
            clock.instant());
    campaigns.update(updated);
    ObjectNode json = toJson(updated);
    append(project, active ? "campaign.enabled" : "campaign.disabled", json);
    return json;
  }

  /** Deletes the campaign and its codes (soft: redemptions and publications keep their history). */
  @Transactional
  public void delete(ProjectId project, String idOrName) {
    Campaign c = lock(project, idOrName);
    ObjectNode json = toJson(c);
    Instant now = clock.instant();
    campaigns.softDelete(project, c.id(), now);
    vouchers.softDeleteCampaign(c.id(), now);
    rules.unassignObject(project, c.id());
    append(project, "campaign.deleted", json);
  }

  /**
   * Adds codes to a campaign: one (returned as a voucher, with an optional given {@code code} and
   * fields) or {@code count} generated ones (returned as an async action when made in the
   * background).
   */
  @Transactional
  public ObjectNode addVouchers(
      ProjectId project, String idOrName, String code, Body body, int count) {
    Campaign c = lock(project, idOrName);
    if (!CampaignType.valueOf(c.campaignType()).hasCodes) {
      throw ApiException.badRequest("invalid_campaign", c.name() + " has no codes");
    }
    if (count < 1 || count > CampaignReader.MAX_VOUCHERS) {
      throw ApiException.badRequest(
          "invalid_query_params",
          "vouchers_count must be between 1 and " + CampaignReader.MAX_VOUCHERS);
    }
    append(project, "campaign.vouchers.added", Json.object().put("id", c.id()).put("count", count));
    if (count == 1) {
      return voucherFacade.createInCampaign(project, c, code, body);
    }
    long existing = vouchers.countInCampaign(c.id());
    CodeGenerator.checkCapacity(c.codeConfig(), existing + count);
    if (count > SYNC_LIMIT) {
      generation.start(c, (int) existing + count);
      return Json.object().put("async_action_id", "aa_" + c.id().substring(5) + existing);
    }
    generator.generate(c, count, clock.instant());
    return toJson(campaigns.byId(c.id()).orElseThrow());
  }

  public ObjectNode get(ProjectId project, String idOrName) {
    return toJson(find(project, idOrName));
  }

  public Campaign find(ProjectId project, String idOrName) {
    return campaigns
        .find(project, idOrName, false)
        .orElseThrow(() -> ApiException.notFound("campaign", idOrName));
  }

  /** Whether the project has a (not deleted) campaign of this type. */
  public boolean anyOfType(ProjectId project, String campaignType) {
    return campaigns.anyOfType(project, campaignType);
  }

  public Optional<Campaign> findOptional(ProjectId project, String idOrName) {
    return campaigns.find(project, idOrName, false);
  }

  public Map<String, Object> list(ProjectId project, String campaignType, Page page) {
    List<ObjectNode> items =
        campaigns.list(project, campaignType, page.fetchSize(), page.offset()).stream()
            .map(this::toJson)
            .toList();
    return ListResponse.page("campaigns", items, page, campaigns.count(project, campaignType));
  }

  private Campaign lock(ProjectId project, String idOrName) {
    return campaigns
        .find(project, idOrName, true)
        .orElseThrow(() -> ApiException.notFound("campaign", idOrName));
  }

  /** The Voucherify {@code campaign} object. */
  public ObjectNode toJson(Campaign c) {
    ObjectNode out = Json.object();
    out.put("id", c.id());
    out.put("name", c.name());
    out.put("description", c.description());
    out.put("campaign_type", c.campaignType());
    out.put("type", c.type());
    out.set("voucher", c.voucher() == null ? Json.nullNode() : c.voucher());
    out.set(
        "referral_program", c.referralProgram() == null ? Json.nullNode() : c.referralProgram());
    out.put("auto_join", c.autoJoin());
    out.put("join_once", c.joinOnce());
    out.put("use_voucher_metadata_schema", false);
    c.validity().write(out);
    out.put("activity_duration_after_publishing", c.activityDurationAfterPublishing());
    out.put("vouchers_count", vouchers.countInCampaign(c.id()));
    out.put("active", c.active());
    out.set("metadata", c.metadata());
    out.put("created_at", Times.format(c.createdAt()));
    out.put("updated_at", Times.format(c.updatedAt()));
    out.put("category", c.category());
    out.putNull("category_id");
    out.set("categories", Json.array());
    out.put("creation_status", c.generationStatus());
    out.put("vouchers_generation_status", c.generationStatus());
    out.put("protected", false);
    out.set("validation_rules_assignments", rules.assignmentsJson(c.projectId(), c.id()));
    if ("PROMOTION".equals(c.campaignType())) {
      out.set("promotion", tiers.listJson(c));
    }
    extensions.of(c.campaignType()).ifPresent(s -> s.decorateCampaign(c, out));
    out.put("object", "campaign");
    return out;
  }

  private void append(ProjectId project, String type, ObjectNode campaign) {
    eventLog.append(NewEvent.of(project, type, null, Json.object().set("campaign", campaign)));
  }
}
