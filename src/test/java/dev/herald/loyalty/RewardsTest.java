package dev.herald.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RewardsTest extends LoyaltyTestSupport {

  private static void coupons(Api api, String name, int count) {
    ok(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                name,
                "type",
                "STATIC",
                "vouchers_count",
                count,
                "voucher",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 500)))));
  }

  private static String reward(Api api, String name, String type, Map<String, Object> params) {
    return reward(api, name, type, params, null);
  }

  private static String reward(
      Api api, String name, String type, Map<String, Object> params, Integer stock) {
    Map<String, Object> body =
        new HashMap<>(Map.of("name", name, "type", type, "parameters", params));
    if (stock != null) {
      body.put("stock", stock);
    }
    return ok(api.post("/v1/rewards", body)).path("id").asString();
  }

  private static String assign(Api api, String reward, String program, long points) {
    return ok(api.post(
            "/v1/rewards/" + reward + "/assignments",
            Map.of("campaign", program, "parameters", Map.of("loyalty", Map.of("points", points)))))
        .path("id")
        .asString();
  }

  private static Api.Response redeem(
      Api api, String program, String code, Map<String, Object> body) {
    return api.post("/v1/loyalties/" + program + "/members/" + code + "/redemption", body);
  }

  @Test
  void rewardsAndAssignmentsAreManagedAndBadOnesChangeNothing() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    coupons(api, "coupons", 1);
    ok(api.post("/v1/campaigns", Map.of("name", "promo", "campaign_type", "PROMOTION")));
    error(
        api.post(
            "/v1/rewards",
            Map.of("type", "MATERIAL", "parameters", Map.of("product", Map.of("id", "p")))),
        400,
        "invalid_payload");
    error(
        api.post("/v1/rewards", Map.of("name", "x", "type", "FOOD", "parameters", Map.of())),
        400,
        "invalid_payload");
    error(
        api.post(
            "/v1/rewards",
            Map.of(
                "name",
                "x",
                "type",
                "CAMPAIGN",
                "parameters",
                Map.of("campaign", Map.of("id", "promo")))),
        400,
        "invalid_payload");
    error(
        api.post(
            "/v1/rewards",
            Map.of(
                "name",
                "x",
                "type",
                "CAMPAIGN",
                "parameters",
                Map.of("campaign", Map.of("id", "nope")))),
        404,
        "not_found");
    error(
        api.post(
            "/v1/rewards",
            Map.of(
                "name",
                "x",
                "type",
                "COIN",
                "parameters",
                Map.of("coin", Map.of("exchange_ratio", 0)))),
        400,
        "invalid_payload");
    error(
        api.post(
            "/v1/rewards",
            Map.of(
                "name",
                "x",
                "type",
                "CAMPAIGN",
                "parameters",
                Map.of("campaign", Map.of("id", "club")))),
        400,
        "invalid_payload");
    assertThat(ok(api.get("/v1/rewards")).path("total").asInt()).isZero();

    String code = reward(api, "coupon", "CAMPAIGN", Map.of("campaign", Map.of("id", "coupons")));
    JsonNode got = ok(api.get("/v1/rewards/" + code));
    assertThat(got.path("object").asString()).isEqualTo("reward");
    assertThat(got.path("parameters").path("campaign").path("type").asString())
        .isEqualTo("DISCOUNT_COUPONS");
    String coin = reward(api, "coin", "COIN", Map.of("coin", Map.of("exchange_ratio", 1)));
    JsonNode updated = ok(api.put("/v1/rewards/" + coin, Map.of("name", "coins", "stock", 10)));
    assertThat(updated.path("name").asString()).isEqualTo("coins");
    assertThat(updated.path("stock").asInt()).isEqualTo(10);
    assertThat(ok(api.get("/v1/rewards")).path("data").size()).isEqualTo(2);

    String a = assign(api, code, "club", 100);
    error(
        api.post(
            "/v1/rewards/" + code + "/assignments",
            Map.of("campaign", "club", "parameters", Map.of("loyalty", Map.of("points", 5)))),
        409,
        "duplicate_found");
    error(
        api.post(
            "/v1/rewards/" + code + "/assignments",
            Map.of("campaign", "coupons", "parameters", Map.of("loyalty", Map.of("points", 5)))),
        404,
        "not_found");
    error(api.post("/v1/loyalties/club/rewards", Map.of("reward", coin + "x")), 404, "not_found");
    JsonNode viaProgram = ok(api.post("/v1/loyalties/club/rewards", Map.of("reward", coin)));
    assertThat(viaProgram.path("object").asString()).isEqualTo("reward_assignment");
    assertThat(viaProgram.path("related_object_type").asString()).isEqualTo("campaign");
    JsonNode list = ok(api.get("/v1/loyalties/club/rewards"));
    assertThat(list.path("total").asInt()).isEqualTo(2);
    JsonNode changed =
        ok(
            api.put(
                "/v1/loyalties/club/rewards/" + a,
                Map.of("parameters", Map.of("loyalty", Map.of("points", 150)))));
    assertThat(changed.path("parameters").path("loyalty").path("points").asInt()).isEqualTo(150);
    assertThat(ok(api.get("/v1/rewards/" + code + "/assignments/" + a)).path("id").asString())
        .isEqualTo(a);
    assertThat(
            ok(api.get("/v1/loyalties/club/reward-assignments/" + a + "/reward"))
                .path("id")
                .asString())
        .isEqualTo(code);
    assertThat(api.delete("/v1/rewards/" + code + "/assignments/" + a).status()).isEqualTo(204);
    assertThat(ok(api.get("/v1/rewards/" + code + "/assignments")).path("total").asInt()).isZero();
    assertThat(api.delete("/v1/rewards/" + coin).status()).isEqualTo(204);
    error(api.get("/v1/rewards/" + coin), 404, "not_found");
  }

  @Test
  void aCampaignRewardPublishesACodeAndDeductsThePointsOnce() {
    Api api = newProject();
    JsonNode program = program(api, "club", 0, 0, null);
    coupons(api, "coupons", 1);
    String reward = reward(api, "coupon", "CAMPAIGN", Map.of("campaign", Map.of("id", "coupons")));
    String assignment = assign(api, reward, "club", 100);
    String code = member(api, "club", "ada");
    addPoints(api, "club", code, 300);
    JsonNode r =
        ok(
            redeem(
                api,
                "club",
                code,
                Map.of("reward", Map.of("id", reward), "metadata", Map.of("k", "v"))));
    assertThat(r.path("object").asString()).isEqualTo("redemption");
    assertThat(r.path("result").asString()).isEqualTo("SUCCESS");
    assertThat(r.path("loyalty_card").path("points").asLong()).isEqualTo(100);
    assertThat(r.path("voucher").path("loyalty_card").path("balance").asLong()).isEqualTo(200);
    assertThat(r.path("reward").path("type").asString()).isEqualTo("CAMPAIGN");
    assertThat(r.path("reward").path("assignment_id").asString()).isEqualTo(assignment);
    String given = r.path("reward").path("voucher").path("code").asString();
    JsonNode issued = ok(api.get("/v1/vouchers/" + given));
    assertThat(issued.path("holder_id").asString()).isEqualTo(r.path("customer_id").asString());
    assertThat(ledgerSum(code)).isEqualTo(200);
    JsonNode tx =
        ok(api.get("/v1/loyalties/club/members/" + code + "/transactions")).path("data").get(0);
    assertThat(tx.path("type").asString()).isEqualTo("POINTS_REDEMPTION");
    assertThat(tx.path("details").path("reward").path("id").asString()).isEqualTo(reward);
    assertThat(events(api).count("customer.reward_redemptions.completed")).isEqualTo(1);
    assertThat(events(api).count("customer.rewarded")).isEqualTo(1);
    JsonNode rewarded = Api.parse(events(api).dataOf("customer.rewarded").get(0));
    assertThat(rewarded.path("campaign").path("id").asString())
        .isEqualTo(program.path("id").asString());
    assertThat(rewarded.path("reward").path("id").asString()).isEqualTo(reward);
    assertThat(rewarded.path("redemption").path("id").asString())
        .isEqualTo(r.path("id").asString());
    JsonNode completed =
        Api.parse(events(api).dataOf("customer.reward_redemptions.completed").get(0));
    assertThat(completed.path("reward_assignment").path("id").asString()).isEqualTo(assignment);
    assertThat(completed.path("publication").path("voucher").path("code").asString())
        .isEqualTo(given);

    // the campaign has no code left: the redemption fails and changes nothing
    error(
        redeem(api, "club", code, Map.of("reward", Map.of("id", reward))),
        400,
        "no_voucher_suitable_for_publication");
    assertThat(balance(api, code)).isEqualTo(200);
    assertThat(ledgerSum(code)).isEqualTo(200);
    assertThat(ok(api.get("/v1/rewards/" + reward)).path("redeemed").asInt()).isEqualTo(1);
    assertThat(events(api).count("customer.rewarded")).isEqualTo(1);
  }

  @Test
  void rewardsAddPointsOrCreditsFromTheirCampaign() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    program(api, "partner", 0, 10, null);
    ok(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name", "cards",
                "campaign_type", "GIFT_VOUCHERS",
                "voucher", Map.of("type", "GIFT_VOUCHER", "gift", Map.of("amount", 0)))));
    String points =
        reward(
            api, "miles", "CAMPAIGN", Map.of("campaign", Map.of("id", "partner", "balance", 500)));
    String credits =
        reward(
            api, "credit", "CAMPAIGN", Map.of("campaign", Map.of("id", "cards", "balance", 2000)));
    assign(api, points, "club", 50);
    assign(api, credits, "club", 50);
    String code = member(api, "club", "ada");
    addPoints(api, "club", code, 100);
    JsonNode r = ok(redeem(api, "club", code, Map.of("reward", Map.of("id", points))));
    String partnerCard = r.path("reward").path("voucher").path("code").asString();
    assertThat(balance(api, partnerCard)).isEqualTo(510);
    assertThat(ok(api.get("/v1/customers/ada")).path("loyalty").path("points").asLong())
        .isEqualTo(560);
    JsonNode c = ok(redeem(api, "club", code, Map.of("reward", Map.of("id", credits))));
    String giftCard = c.path("reward").path("voucher").path("code").asString();
    assertThat(ok(api.get("/v1/vouchers/" + giftCard)).path("gift").path("balance").asLong())
        .isEqualTo(2000);
    assertThat(balance(api, code)).isZero();
    assertThat(events(api).count("customer.voucher.gift.balance_added")).isEqualTo(1);
    assertThat(events(api).count("customer.rewarded")).isEqualTo(2);
  }

  @Test
  void aCoinRewardPaysPartOfTheOrderWithPoints() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String coin =
        reward(
            api, "coins", "COIN", Map.of("coin", Map.of("exchange_ratio", 1, "points_ratio", 2)));
    ok(api.post("/v1/loyalties/club/rewards", Map.of("reward", coin)));
    String code = member(api, "club", "ada");
    addPoints(api, "club", code, 500);
    error(redeem(api, "club", code, Map.of("reward", Map.of("id", coin))), 400, "invalid_payload");
    JsonNode r =
        ok(
            redeem(
                api,
                "club",
                code,
                Map.of(
                    "reward",
                    Map.of("id", coin, "points", 300),
                    "order",
                    Map.of("source_id", "o1", "amount", 1000))));
    assertThat(r.path("amount").asLong()).isEqualTo(150);
    assertThat(r.path("order").path("discount_amount").asLong()).isEqualTo(150);
    assertThat(r.path("order").path("status").asString()).isEqualTo("PAID");
    assertThat(balance(api, code)).isEqualTo(200);
  }

  @Test
  void aMaterialRewardRunsOutOfStockWithoutTakingPoints() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String mug = reward(api, "mug", "MATERIAL", Map.of("product", Map.of("id", "prod_mug")), 1);
    assign(api, mug, "club", 100);
    String code = member(api, "club", "ada");
    addPoints(api, "club", code, 250);
    JsonNode r = ok(redeem(api, "club", code, Map.of("reward", Map.of("id", mug))));
    assertThat(r.path("reward").path("product").path("id").asString()).isEqualTo("prod_mug");
    error(redeem(api, "club", code, Map.of("reward", Map.of("id", mug))), 400, "quantity_exceeded");
    error(redeem(api, "club", code, Map.of()), 400, "missing_reward");
    error(redeem(api, "club", code, Map.of("reward", Map.of("id", "rew_nope"))), 404, "not_found");
    assertThat(balance(api, code)).isEqualTo(150);
    assertThat(events(api).count("customer.rewarded")).isEqualTo(1);
  }

  @Test
  void membersSeeTheRewardsTheyCanAffordAtTheirTiersPrice() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String cheap = reward(api, "sticker", "MATERIAL", Map.of("product", Map.of("id", "p1")));
    String dear = reward(api, "bike", "MATERIAL", Map.of("product", Map.of("id", "p2")));
    assign(api, cheap, "club", 50);
    String dearAssignment = assign(api, dear, "club", 1000);
    String code = member(api, "club", "ada");
    addPoints(api, "club", code, 300);
    JsonNode all = ok(api.get("/v1/loyalties/members/" + code + "/rewards"));
    assertThat(all.path("total").asInt()).isEqualTo(2);
    assertThat(all.path("data").get(0).path("object").asString()).isEqualTo("loyalty_reward");
    JsonNode affordable =
        ok(api.get("/v1/loyalties/members/" + code + "/rewards?affordable_only=true"));
    assertThat(affordable.path("data").findValuesAsString("name")).containsExactly("sticker");
    ok(
        api.post(
            "/v1/loyalties/club/tiers",
            List.of(
                Map.of(
                    "name", "VIP",
                    "points", Map.of("from", 200),
                    "rewards", Map.of(dearAssignment, Map.of("type", "CUSTOM", "points", 250))))));
    awaitEvents(api, "customer.loyalty.tier.joined", 1);
    JsonNode vip = ok(api.get("/v1/loyalties/members/" + code + "/rewards?affordable_only=true"));
    assertThat(vip.path("data").findValuesAsString("name"))
        .containsExactlyInAnyOrder("sticker", "bike");
    ok(redeem(api, "club", code, Map.of("reward", Map.of("id", dear))));
    assertThat(balance(api, code)).isEqualTo(50);
  }
}
