package dev.herald.campaigns.web;

import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.PromotionTiers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Voucherify's {@code /v1/campaigns} and {@code /v1/promotions} (reference §2.5, §2.14). */
@RestController
class CampaignsController {

  private final Campaigns campaigns;
  private final PromotionTiers tiers;

  CampaignsController(Campaigns campaigns, PromotionTiers tiers) {
    this.campaigns = campaigns;
    this.tiers = tiers;
  }

  @PostMapping("/v1/campaigns")
  ObjectNode create(ProjectId project, @RequestBody JsonNode body) {
    return campaigns.create(project, Body.of(body, "invalid_campaign"));
  }

  @GetMapping("/v1/campaigns")
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return campaigns.list(project, q.string("campaign_type").orElse(null), Page.from(q));
  }

  @GetMapping("/v1/campaigns/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return campaigns.get(project, id);
  }

  @PutMapping("/v1/campaigns/{id}")
  ObjectNode update(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    return campaigns.update(project, id, Body.of(body, "invalid_campaign"));
  }

  @DeleteMapping("/v1/campaigns/{id}")
  ResponseEntity<Void> delete(ProjectId project, @PathVariable String id) {
    campaigns.delete(project, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v1/campaigns/{id}/enable")
  ObjectNode enable(ProjectId project, @PathVariable String id) {
    return campaigns.setActive(project, id, true);
  }

  @PostMapping("/v1/campaigns/{id}/disable")
  ObjectNode disable(ProjectId project, @PathVariable String id) {
    return campaigns.setActive(project, id, false);
  }

  @PostMapping({"/v1/campaigns/{id}/vouchers", "/v1/campaigns/{id}/vouchers/{code}"})
  ObjectNode addVouchers(
      ProjectId project,
      @PathVariable String id,
      @PathVariable(required = false) String code,
      @RequestBody(required = false) JsonNode body,
      HttpServletRequest request) {
    int count = QueryParams.of(request).integer("vouchers_count", 1, 1_000_000).orElse(1);
    return campaigns.addVouchers(
        project, id, code, Body.ofNullable(body, "invalid_voucher"), count);
  }

  @GetMapping("/v1/promotions/tiers")
  Map<String, Object> allTiers(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return tiers.all(project, q.bool("is_available").orElse(null), Page.from(q));
  }

  @GetMapping("/v1/promotions/{campaignId}/tiers")
  Map<String, Object> tiersOf(ProjectId project, @PathVariable String campaignId) {
    return tiers.ofCampaign(project, campaignId);
  }

  @PostMapping("/v1/promotions/{campaignId}/tiers")
  ObjectNode createTier(
      ProjectId project, @PathVariable String campaignId, @RequestBody JsonNode body) {
    return tiers.create(project, campaignId, Body.of(body, "invalid_promotion_tier"));
  }

  @GetMapping("/v1/promotions/tiers/{id}")
  ObjectNode getTier(ProjectId project, @PathVariable String id) {
    return tiers.get(project, id);
  }

  @PutMapping("/v1/promotions/tiers/{id}")
  ObjectNode updateTier(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    ObjectNode copy =
        body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
    copy.remove("id");
    return tiers.update(project, id, Body.of(copy, "invalid_promotion_tier"));
  }

  @DeleteMapping("/v1/promotions/tiers/{id}")
  ResponseEntity<Void> deleteTier(ProjectId project, @PathVariable String id) {
    tiers.delete(project, id);
    return ResponseEntity.noContent().build();
  }
}
