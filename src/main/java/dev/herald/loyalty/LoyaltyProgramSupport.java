package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.CampaignTypeSupport;
import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.Voucher;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs {@code LOYALTY_PROGRAM} campaigns for the campaigns module: the {@code loyalty_card}
 * template, {@code loyalty_tiers_expiration}, the cards' {@code loyalty_card} value, and {@code
 * POST /v1/vouchers/{code}/balance} and transactions for loyalty cards.
 */
@Component
class LoyaltyProgramSupport implements CampaignTypeSupport {

  private final CardRepository cards;
  private final BucketRepository expiring;
  private final TierRepository tiers;
  private final Projects projects;
  private final ObjectProvider<LoyaltyPrograms> programs;
  private final ObjectProvider<Campaigns> campaigns;

  LoyaltyProgramSupport(
      CardRepository cards,
      BucketRepository expiring,
      TierRepository tiers,
      Projects projects,
      ObjectProvider<LoyaltyPrograms> programs,
      ObjectProvider<Campaigns> campaigns) {
    this.cards = cards;
    this.expiring = expiring;
    this.tiers = tiers;
    this.projects = projects;
    this.programs = programs;
    this.campaigns = campaigns;
  }

  @Override
  public String campaignType() {
    return "LOYALTY_PROGRAM";
  }

  @Override
  public Optional<ObjectNode> readTemplate(Body voucher, ObjectNode current) {
    if (!voucher.has("loyalty_card")) {
      return current.has("loyalty_card")
          ? Optional.empty()
          : Optional.of(Json.object().set("loyalty_card", Json.object().put("points", 0)));
    }
    Body card =
        voucher
            .object("loyalty_card")
            .orElseThrow(() -> voucher.invalid("loyalty_card", "must be an object"));
    long points = card.integer("points").orElse(0L);
    if (points < 0) {
      throw card.invalid("points", "must not be negative");
    }
    ObjectNode out = Json.object().put("points", points);
    if (card.has("expiration_rules")) {
      Optional<Body> rules = card.object("expiration_rules");
      rules.ifPresent(PointsExpiration::check);
      rules.ifPresent(r -> out.set("expiration_rules", r.node().deepCopy()));
    }
    return Optional.of(Json.object().set("loyalty_card", out));
  }

  @Override
  public void check(ProjectId project, Body body) {
    if (body.has("loyalty_tiers_expiration") && !body.isNull("loyalty_tiers_expiration")) {
      TierPolicy.check(
          body.object("loyalty_tiers_expiration")
              .orElseThrow(() -> body.invalid("loyalty_tiers_expiration", "must be an object")));
    }
  }

  @Override
  public void created(ProjectId project, Campaign campaign, Body body) {
    tiers.saveProgram(project, campaign.id(), tiersExpiration(body).orElse(null));
  }

  @Override
  public void updated(ProjectId project, Campaign campaign, Body body) {
    if (body.has("loyalty_tiers_expiration")) {
      tiers.saveProgram(project, campaign.id(), tiersExpiration(body).orElse(null));
    }
  }

  private static Optional<JsonNode> tiersExpiration(Body body) {
    return body.object("loyalty_tiers_expiration").map(b -> (JsonNode) b.node().deepCopy());
  }

  @Override
  public void decorateCampaign(Campaign campaign, ObjectNode json) {
    json.set(
        "loyalty_tiers_expiration", tiers.tiersExpiration(campaign.id()).orElse(Json.nullNode()));
  }

  @Override
  public Optional<ObjectNode> voucherValue(Voucher voucher) {
    Optional<Card> card = cards.find(voucher.id());
    if (card.isEmpty()) {
      // not touched yet: the card holds its template's initial points
      long initial =
          campaigns
              .getObject()
              .findOptional(voucher.projectId(), voucher.campaignId())
              .map(
                  c ->
                      c.voucher() == null
                          ? 0L
                          : c.voucher().path("loyalty_card").path("points").asLong(0))
              .orElse(0L);
      return Optional.of(LoyaltyJson.cardValue(initial, initial, List.of(), null));
    }
    return Optional.of(
        LoyaltyJson.cardValue(
            card.get().points(),
            card.get().balance(),
            expiring.activeBuckets(voucher.id()),
            projects.timeZone(voucher.projectId())));
  }

  @Override
  public Optional<ObjectNode> changeBalance(ProjectId project, Voucher voucher, Body body) {
    ObjectNode balance = programs.getObject().changeBalance(project, null, voucher.code(), body);
    balance.put("amount", balance.path("points").asLong());
    return Optional.of(balance);
  }

  @Override
  public List<ObjectNode> transactions(ProjectId project, Voucher voucher, int limit) {
    return cards.transactions(voucher.id(), null, limit).stream()
        .map(LoyaltyJson::transaction)
        .toList();
  }
}
