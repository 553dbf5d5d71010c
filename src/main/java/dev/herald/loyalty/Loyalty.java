package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.projects.ProjectId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Queries other modules ask of loyalty. {@link #pointsOf} is what a segment filter on {@code
 * loyalty_points.*} reads (Voucherify's {@code loyalty_points.campaigns.<name>.points}).
 */
@Service
public class Loyalty {

  /** A customer's points in one loyalty program: the balance, lifetime points and tier. */
  public record CampaignPoints(
      String campaignId, String campaignName, long points, long lifetimePoints, String tierId) {}

  private final CardRepository cards;
  private final Campaigns campaigns;

  Loyalty(CardRepository cards, Campaigns campaigns) {
    this.cards = cards;
    this.campaigns = campaigns;
  }

  /**
   * The customer's points per loyalty program they hold a card of (cards of one program summed), in
   * the order they joined. A card never touched since it was published counts its template's
   * initial points once the loyalty module has seen its publication (seconds later).
   */
  public List<CampaignPoints> pointsOf(ProjectId project, String customerId) {
    Map<String, CampaignPoints> byCampaign = new LinkedHashMap<>();
    Map<String, Optional<Campaign>> names = new LinkedHashMap<>();
    for (Card card : cards.ofHolder(project, customerId)) {
      Optional<Campaign> c =
          names.computeIfAbsent(card.campaignId(), id -> campaigns.findOptional(project, id));
      if (c.isEmpty()) {
        continue;
      }
      CampaignPoints before = byCampaign.get(card.campaignId());
      byCampaign.put(
          card.campaignId(),
          new CampaignPoints(
              card.campaignId(),
              c.get().name(),
              card.balance() + (before == null ? 0 : before.points()),
              card.points() + (before == null ? 0 : before.lifetimePoints()),
              before != null && before.tierId() != null ? before.tierId() : card.tierId()));
    }
    return new ArrayList<>(byCampaign.values());
  }

  /** The customer's points in one program (by id or name); 0 when they hold no card of it. */
  public long points(ProjectId project, String customerId, String campaignIdOrName) {
    return pointsOf(project, customerId).stream()
        .filter(
            p ->
                p.campaignId().equals(campaignIdOrName)
                    || p.campaignName().equals(campaignIdOrName))
        .mapToLong(CampaignPoints::points)
        .sum();
  }
}
