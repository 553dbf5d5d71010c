package dev.herald.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tiers follow points, exactly one event per transition; the clock expires points and tiers. */
class TiersAndExpiryTest extends LoyaltyTestSupport {

  private static JsonNode tiers(Api api, String program, Object... ranges) {
    List<Map<String, Object>> body = new java.util.ArrayList<>();
    for (int i = 0; i < ranges.length; i += 3) {
      Map<String, Object> points = new java.util.HashMap<>();
      points.put("from", ranges[i + 1]);
      if (ranges[i + 2] != null) {
        points.put("to", ranges[i + 2]);
      }
      body.add(Map.of("name", ranges[i], "points", points));
    }
    return ok(api.post("/v1/loyalties/" + program + "/tiers", body));
  }

  private static long change(Api api, String code, long points) {
    return ok(api.post("/v1/loyalties/members/" + code + "/balance", Map.of("points", points)))
        .path("balance")
        .asLong();
  }

  private JsonNode last(Api api, String type) {
    List<String> all = events(api).dataOf(type);
    return Api.parse(all.get(all.size() - 1));
  }

  @Test
  void tiersFollowThePointsWithOneEventPerTransition() {
    Api api = newProject();
    JsonNode program = program(api, "club", 0, 0, null);
    JsonNode created = tiers(api, "club", "Silver", 100, 499, "Gold", 500, null);
    String silver = created.get(0).path("id").asString();
    String gold = created.get(1).path("id").asString();
    assertThat(created.get(1).path("points").path("to").isNull()).isTrue();
    String code = member(api, "club", "ada");
    change(api, code, 150);
    change(api, code, 100);
    assertThat(events(api).count("customer.loyalty.tier.joined")).isEqualTo(1);
    JsonNode joined = last(api, "customer.loyalty.tier.joined");
    assertThat(joined.path("loyalty_tier").path("id").asString()).isEqualTo(silver);
    assertThat(joined.path("campaign").path("id").asString())
        .isEqualTo(program.path("id").asString());
    assertThat(joined.path("customer").path("source_id").asString()).isEqualTo("ada");
    assertThat(joined.path("created_at").asString()).isNotBlank();
    change(api, code, 300);
    JsonNode upgraded = last(api, "customer.loyalty.tier.upgraded");
    assertThat(upgraded.path("loyalty_tier_from").path("id").asString()).isEqualTo(silver);
    assertThat(upgraded.path("loyalty_tier_to").path("id").asString()).isEqualTo(gold);
    JsonNode memberTiers = ok(api.get("/v1/loyalties/members/" + code + "/tiers"));
    assertThat(memberTiers.path("data").get(0).path("id").asString()).isEqualTo(gold);
    assertThat(
            ok(api.get("/v1/customers/ada"))
                .path("loyalty")
                .path("campaigns")
                .path("club")
                .path("loyalty_tier")
                .asString())
        .isEqualTo(gold);
    change(api, code, -100);
    JsonNode downgraded = last(api, "customer.loyalty.tier.downgraded");
    assertThat(downgraded.path("loyalty_tier_to").path("id").asString()).isEqualTo(silver);
    change(api, code, -400);
    assertThat(last(api, "customer.loyalty.tier.left").path("loyalty_tier").path("id").asString())
        .isEqualTo(silver);
    change(api, code, 10);
    assertThat(events(api).count("customer.loyalty.tier.joined")).isEqualTo(1);
    assertThat(events(api).count("customer.loyalty.tier.upgraded")).isEqualTo(1);
    assertThat(events(api).count("customer.loyalty.tier.downgraded")).isEqualTo(1);
    assertThat(events(api).count("customer.loyalty.tier.left")).isEqualTo(1);
    assertThat(events(api).count("customer.loyalty.tier.prolonged")).isZero();
    assertThat(ok(api.get("/v1/loyalties/members/" + code + "/tiers")).path("total").asInt())
        .isZero();
  }

  @Test
  void newTiersMoveExistingMembersInTheBackground() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String code = member(api, "club", "ada");
    change(api, code, 700);
    tiers(api, "club", "Gold", 500, null);
    awaitEvents(api, "customer.loyalty.tier.joined", 1);
    stillEvents(api, "customer.loyalty.tier.joined", 1);
  }

  @Test
  void overlappingOrMalformedTiersAreRejectedAndNothingIsCreated() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    tiers(api, "club", "Silver", 100, 499);
    error(
        api.post(
            "/v1/loyalties/club/tiers",
            List.of(
                Map.of("name", "Gold", "points", Map.of("from", 500)),
                Map.of("name", "Mid", "points", Map.of("from", 400, "to", 600)))),
        400,
        "invalid_payload");
    error(
        api.post(
            "/v1/loyalties/club/tiers",
            List.of(Map.of("name", "Bad", "points", Map.of("from", 9, "to", 1)))),
        400,
        "invalid_payload");
    error(
        api.post("/v1/loyalties/club/tiers", List.of(Map.of("points", Map.of("from", 1)))),
        400,
        "invalid_payload");
    error(api.post("/v1/loyalties/club/tiers", List.of()), 400, "invalid_payload");
    error(
        api.post(
            "/v1/loyalties/nope/tiers", List.of(Map.of("name", "X", "points", Map.of("from", 1)))),
        404,
        "not_found");
    assertThat(ok(api.get("/v1/loyalties/club/tiers")).path("total").asInt()).isEqualTo(1);
  }

  @Test
  void theClockExpiresDuePointsOnceAndTheTierFollows() {
    Api api = newProject();
    program(api, "expiring", 0, 0, Map.of("period_type", "DAY", "period_value", 10));
    tiers(api, "expiring", "Silver", 100, null);
    String code = member(api, "expiring", "ada");
    change(api, code, 150);
    ok(
        api.post(
            "/v1/loyalties/members/" + code + "/balance",
            Map.of("points", 20, "expiration_type", "NON_EXPIRING")));
    JsonNode card = ok(api.get("/v1/vouchers/" + code)).path("loyalty_card");
    assertThat(card.path("balance").asLong()).isEqualTo(170);
    assertThat(card.path("next_expiration_points").asLong()).isEqualTo(150);
    JsonNode buckets = ok(api.get("/v1/loyalties/expiring/members/" + code + "/points-expiration"));
    assertThat(buckets.path("data").get(0).path("bucket").path("total_points").asLong())
        .isEqualTo(150);
    assertThat(buckets.path("data").get(0).path("object").asString())
        .isEqualTo("loyalty_points_bucket");
    // redeeming part of the points takes them from the bucket that expires first
    change(api, code, -30);
    clock.advance(Duration.ofDays(5));
    stillEvents(api, "customer.voucher.loyalty_card.points_expired", 0);
    clock.advance(Duration.ofDays(7));
    awaitEvents(api, "customer.voucher.loyalty_card.points_expired", 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(storedBalance(code)).isEqualTo(20));
    assertThat(ledgerSum(code)).isEqualTo(20);
    JsonNode expired = last(api, "customer.voucher.loyalty_card.points_expired");
    assertThat(expired.path("points").asLong()).isEqualTo(120);
    assertThat(expired.path("buckets").size()).isEqualTo(1);
    assertThat(expired.path("transaction").path("type").asString()).isEqualTo("POINTS_EXPIRATION");
    assertThat(expired.path("voucher").path("code").asString()).isEqualTo(code);
    awaitEvents(api, "customer.loyalty.tier.left", 1);
    clock.advance(Duration.ofDays(30));
    stillEvents(api, "customer.voucher.loyalty_card.points_expired", 1);
    assertThat(events(api).count("customer.loyalty.tier.left")).isEqualTo(1);
    assertThat(balance(api, code)).isEqualTo(20);
  }

  @Test
  void aCustomTierPeriodKeepsTheTierThenProlongsOrDowngradesAtItsEnd() {
    Api api = newProject();
    ok(
        api.post(
            "/v1/loyalties",
            Map.of(
                "name", "kept",
                "voucher", Map.of("type", "LOYALTY_CARD", "loyalty_card", Map.of("points", 0)),
                "loyalty_tiers_expiration",
                    Map.of(
                        "qualification_type",
                        "BALANCE",
                        "expiration_date",
                        Map.of("type", "CUSTOM", "extend", "P30D")))));
    JsonNode created = tiers(api, "kept", "Silver", 100, 499, "Gold", 500, null);
    String silver = created.get(0).path("id").asString();
    String gold = created.get(1).path("id").asString();
    String dropping = member(api, "kept", "ada");
    String steady = member(api, "kept", "bob");
    change(api, dropping, 600);
    change(api, steady, 600);
    assertThat(events(api).count("customer.loyalty.tier.joined")).isEqualTo(2);
    change(api, dropping, -200);
    assertThat(events(api).count("customer.loyalty.tier.downgraded")).isZero();
    JsonNode kept = ok(api.get("/v1/loyalties/members/" + dropping + "/tiers")).path("data").get(0);
    assertThat(kept.path("id").asString()).isEqualTo(gold);
    assertThat(kept.path("expiration").path("expiration_date").asString()).isNotBlank();

    clock.advance(Duration.ofDays(31));
    awaitEvents(api, "customer.loyalty.tier.downgraded", 1);
    awaitEvents(api, "customer.loyalty.tier.prolonged", 1);
    JsonNode downgraded = last(api, "customer.loyalty.tier.downgraded");
    assertThat(downgraded.path("loyalty_tier_from").path("id").asString()).isEqualTo(gold);
    assertThat(downgraded.path("loyalty_tier_to").path("id").asString()).isEqualTo(silver);
    assertThat(
            last(api, "customer.loyalty.tier.prolonged").path("loyalty_tier").path("id").asString())
        .isEqualTo(gold);

    clock.advance(Duration.ofDays(31));
    awaitEvents(api, "customer.loyalty.tier.prolonged", 3);
    stillEvents(api, "customer.loyalty.tier.prolonged", 3);
    assertThat(events(api).count("customer.loyalty.tier.downgraded")).isEqualTo(1);
    assertThat(events(api).count("customer.loyalty.tier.left")).isZero();
  }
}
