package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Scope matching reads the catalog's event paths: one mechanism for every trigger type. */
class TriggerScopeTest {

  private static Distribution distribution(String triggerJson) {
    return new Distribution(
        "distr_t",
        new ProjectId("proj_t"),
        "t",
        DistributionStatus.LIVE,
        (ObjectNode) Json.parse(triggerJson),
        null,
        Json.object().put("type", "plain_message"),
        null,
        Instant.EPOCH,
        Instant.EPOCH,
        Instant.EPOCH,
        Distribution.Run.NONE);
  }

  private static boolean matches(String trigger, String data) {
    JsonNode node = Json.parse(data);
    return TriggerMatcher.scopeMatches(distribution(trigger), node);
  }

  @Test
  void customEventNameMustMatch() {
    String t = "{\"type\":\"customer.custom_event\",\"custom_event\":\"signed_up\"}";
    assertThat(matches(t, "{\"event\":{\"type\":\"signed_up\"}}")).isTrue();
    assertThat(matches(t, "{\"event\":{\"type\":\"logged_in\"}}")).isFalse();
  }

  @Test
  void segmentMustMatch() {
    String t = "{\"type\":\"customer.segment.entered\",\"segment_id\":\"seg_1\"}";
    assertThat(matches(t, "{\"segment\":{\"id\":\"seg_1\"}}")).isTrue();
    assertThat(matches(t, "{\"segment\":{\"id\":\"seg_2\"}}")).isFalse();
  }

  @Test
  void campaignMatchesTheCampaignOrTheVouchersCampaign() {
    String t = "{\"type\":\"customer.redemption.succeeded\",\"campaign_id\":\"camp_1\"}";
    assertThat(matches(t, "{\"campaign\":{\"id\":\"camp_1\"}}")).isTrue();
    assertThat(matches(t, "{\"voucher\":{\"campaign_id\":\"camp_1\"}}")).isTrue();
    assertThat(matches(t, "{\"campaign\":{\"id\":\"camp_2\"}}")).isFalse();
    assertThat(matches(t, "{}")).isFalse();
  }

  @Test
  void anOptionalTierNarrowsAndItsAbsenceDoesNot() {
    String any = "{\"type\":\"customer.loyalty.tier.upgraded\",\"campaign_id\":\"camp_l\"}";
    String gold =
        "{\"type\":\"customer.loyalty.tier.upgraded\",\"campaign_id\":\"camp_l\",\"loyalty_tier_id\":\"ltr_gold\"}";
    String upgradeToGold =
        "{\"campaign\":{\"id\":\"camp_l\"},\"loyalty_tier_from\":{\"id\":\"ltr_silver\"},\"loyalty_tier_to\":{\"id\":\"ltr_gold\"}}";
    String upgradeToSilver =
        "{\"campaign\":{\"id\":\"camp_l\"},\"loyalty_tier_to\":{\"id\":\"ltr_silver\"}}";
    assertThat(matches(any, upgradeToSilver)).isTrue();
    assertThat(matches(gold, upgradeToGold)).isTrue();
    assertThat(matches(gold, upgradeToSilver)).isFalse();
  }

  @Test
  void cartTriggersWithoutScopeMatchEveryOrder() {
    assertThat(matches("{\"type\":\"customer.order.paid\"}", "{\"order\":{\"id\":\"ord_1\"}}"))
        .isTrue();
  }
}
