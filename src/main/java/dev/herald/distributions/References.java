package dev.herald.distributions;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.Publications;
import dev.herald.projects.ProjectId;
import dev.herald.rules.ValidationRules;
import dev.herald.segments.Segments;
import dev.herald.shared.ApiException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Before a distribution goes live or is scheduled, everything it names must exist in its project:
 * the campaign it publishes from (one that has codes), the promotion tier it announces, the
 * campaign of its trigger scope and its validation rule.
 */
@Component
class References {

  private final Campaigns campaigns;
  private final Publications publications;
  private final ValidationRules rules;
  private final Segments segments;

  References(
      Campaigns campaigns, Publications publications, ValidationRules rules, Segments segments) {
    this.campaigns = campaigns;
    this.publications = publications;
    this.rules = rules;
    this.segments = segments;
  }

  void check(Distribution d) {
    ProjectId project = d.projectId();
    String action = d.action().path("type").asString();
    if (action.equals("publish_code")) {
      String id = d.action().path("campaign_id").asString();
      Campaign campaign = campaign(project, id, "action.campaign_id");
      if ("PROMOTION".equals(campaign.campaignType())) {
        throw invalid(
            "action.campaign_id "
                + id
                + " is a promotion campaign without codes; use notify_promotion");
      }
    }
    if (action.equals("notify_promotion")) {
      String tier = d.action().path("promotion_tier_id").asString();
      if (publications.promotionTierJson(project, tier).isEmpty()) {
        throw invalid(
            "action.promotion_tier_id " + tier + " is not a promotion tier of this project");
      }
    }
    String scopeCampaign = d.trigger().path("campaign_id").asString(null);
    if (scopeCampaign != null) {
      campaign(project, scopeCampaign, "trigger.campaign_id");
    }
    for (String segment :
        new String[] {
          d.trigger().path("segment_id").asString(null),
          d.audience() == null ? null : d.audience().path("segment_id").asString(null)
        }) {
      if (segment != null && segments.find(project, segment).isEmpty()) {
        throw invalid("segment " + segment + " is not a segment of this project");
      }
    }
    String rule = d.trigger().path("validation_rule_id").asString(null);
    if (rule != null && !rules.exists(project, rule)) {
      throw invalid(
          "trigger.validation_rule_id " + rule + " is not a validation rule of this project");
    }
  }

  private Campaign campaign(ProjectId project, String id, String field) {
    Optional<Campaign> found = campaigns.findOptional(project, id);
    return found.orElseThrow(
        () -> invalid(field + " " + id + " is not a campaign of this project"));
  }

  private static ApiException invalid(String details) {
    return ApiException.badRequest("invalid_distribution", details);
  }
}
