package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.CampaignTypeSupport;
import dev.herald.campaigns.Campaigns;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.web.Body;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks the rewards a {@code REFERRAL_PROGRAM} campaign gives on a conversion (decision record
 * 0201): {@code referral_program.referrer_reward} and {@code referee_reward}, each {@code
 * {related_object_parent: {id}, type, amount}} naming a campaign whose code is given — a discount
 * code ({@code DISCOUNT_VOUCHER}), credits on a gift card ({@code GIFT_VOUCHER}, {@code amount}
 * credits) or points on a loyalty card ({@code LOYALTY_CARD}, {@code amount} points).
 */
@Component
class ReferralProgramSupport implements CampaignTypeSupport {

  static final Map<String, String> CAMPAIGN_OF =
      Map.of(
          "DISCOUNT_VOUCHER", "DISCOUNT_COUPONS",
          "GIFT_VOUCHER", "GIFT_VOUCHERS",
          "LOYALTY_CARD", "LOYALTY_PROGRAM");

  private final ObjectProvider<Campaigns> campaigns;

  ReferralProgramSupport(ObjectProvider<Campaigns> campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public String campaignType() {
    return "REFERRAL_PROGRAM";
  }

  @Override
  public void check(ProjectId project, Body body) {
    Optional<Body> program = body.object("referral_program");
    if (program.isEmpty()) {
      return;
    }
    for (String field : List.of("referrer_reward", "referee_reward")) {
      if (program.get().has(field) && !program.get().isNull(field)) {
        Body reward =
            program
                .get()
                .object(field)
                .orElseThrow(() -> program.get().invalid(field, "must be an object"));
        checkReward(project, reward);
      }
    }
  }

  private void checkReward(ProjectId project, Body reward) {
    Body parent =
        reward
            .object("related_object_parent")
            .orElseThrow(() -> reward.invalid("related_object_parent", "is required"));
    String ref = parent.requiredString("id");
    Campaign campaign =
        campaigns
            .getObject()
            .findOptional(project, ref)
            .orElseThrow(() -> ApiException.notFound("campaign", ref));
    String type =
        reward
            .oneOf("type", List.of("DISCOUNT_VOUCHER", "GIFT_VOUCHER", "LOYALTY_CARD"))
            .orElseGet(() -> typeOf(campaign));
    if (type == null || !CAMPAIGN_OF.get(type).equals(campaign.campaignType())) {
      throw reward.invalid(
          "type",
          "does not match campaign " + campaign.name() + " (" + campaign.campaignType() + ")");
    }
    Optional<Long> amount = reward.integer("amount");
    if (amount.isPresent() && amount.get() < 1) {
      throw reward.invalid("amount", "must be at least 1");
    }
    if (type.equals("LOYALTY_CARD") && amount.isEmpty()) {
      throw reward.invalid("amount", "is required: the points to add");
    }
  }

  private static String typeOf(Campaign c) {
    for (Map.Entry<String, String> e : CAMPAIGN_OF.entrySet()) {
      if (e.getValue().equals(c.campaignType())) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The campaign a reward config names, and its amount. */
  static Optional<String> campaignRef(JsonNode reward) {
    return Optional.ofNullable(reward.path("related_object_parent").path("id").asString(null));
  }
}
