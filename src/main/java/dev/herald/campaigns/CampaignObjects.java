package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import dev.herald.rules.RelatedObjects;
import org.springframework.stereotype.Component;

/** Lets rule assignments name campaigns (by id or name), vouchers (id or code) and tiers. */
@Component
class CampaignObjects implements RelatedObjects {

  private final CampaignRepository campaigns;
  private final VoucherRepository vouchers;
  private final PromotionTierRepository tiers;

  CampaignObjects(
      CampaignRepository campaigns, VoucherRepository vouchers, PromotionTierRepository tiers) {
    this.campaigns = campaigns;
    this.vouchers = vouchers;
    this.tiers = tiers;
  }

  @Override
  public boolean handles(String type) {
    return type.equals("campaign") || type.equals("voucher") || type.equals("promotion_tier");
  }

  @Override
  public String resolve(ProjectId project, String type, String idOrCode) {
    return switch (type) {
      case "campaign" -> campaigns.find(project, idOrCode, false).map(Campaign::id).orElse(null);
      case "voucher" -> vouchers.byIdOrCode(project, idOrCode).map(Voucher::id).orElse(null);
      default -> tiers.byId(project, idOrCode).map(PromotionTier::id).orElse(null);
    };
  }
}
