package dev.herald.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReferralsTest extends LoyaltyTestSupport {

  private static void discountCampaign(Api api, String name, String type, int count) {
    ok(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name", name,
                "type", type,
                "vouchers_count", count,
                "voucher",
                    Map.of(
                        "type",
                        "DISCOUNT_VOUCHER",
                        "discount",
                        Map.of("type", "AMOUNT", "amount_off", 300)))));
  }

  private static JsonNode referralProgram(Api api, String name, Map<String, Object> program) {
    return ok(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                name,
                "campaign_type",
                "REFERRAL_PROGRAM",
                "voucher",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 1000)),
                "referral_program",
                program)));
  }

  private static String publish(Api api, String campaign, String customer) {
    return ok(api.post(
            "/v1/publications",
            Map.of(
                "campaign", Map.of("name", campaign), "customer", Map.of("source_id", customer))))
        .path("voucher")
        .path("code")
        .asString();
  }

  private static Api.Response redeem(Api api, String code, String customer) {
    return api.post(
        "/v1/redemptions",
        Map.of(
            "redeemables", List.of(Map.of("object", "voucher", "id", code)),
            "customer", Map.of("source_id", customer),
            "order", Map.of("amount", 5000)));
  }

  @Test
  void aRefereeRedeemingTheCodeIsReferredOnceAndBothAreRewarded() {
    Api api = newProject();
    program(api, "points", 0, 0, null);
    discountCampaign(api, "welcome", "AUTO_UPDATE", 0);
    JsonNode friends =
        referralProgram(
            api,
            "friends",
            Map.of(
                "conversion_event_type", "redemption",
                "referrer_reward",
                    Map.of(
                        "related_object_parent",
                        Map.of("id", "points"),
                        "type",
                        "LOYALTY_CARD",
                        "amount",
                        100),
                "referee_reward",
                    Map.of(
                        "related_object_parent",
                        Map.of("id", "welcome"),
                        "type",
                        "DISCOUNT_VOUCHER")));
    String code = publish(api, "friends", "rita");
    String rita = ok(api.get("/v1/customers/rita")).path("id").asString();
    error(redeem(api, code, "rita"), 400, "referrer_not_permitted_to_redeem");
    ok(redeem(api, code, "rob"));
    awaitEvents(api, "customer.referred", 1);
    awaitEvents(api, "customer.rewarded", 2);
    JsonNode referred = Api.parse(events(api).dataOf("customer.referred").get(0));
    assertThat(referred.path("customer").path("source_id").asString()).isEqualTo("rob");
    assertThat(referred.path("referrer").path("id").asString()).isEqualTo(rita);
    assertThat(referred.path("campaign").path("id").asString())
        .isEqualTo(friends.path("id").asString());
    assertThat(referred.path("voucher").path("code").asString()).isEqualTo(code);
    assertThat(referred.path("referral").path("related_object_type").asString())
        .isEqualTo("redemption");
    assertThat(referred.path("redemption").path("id").asString()).startsWith("r_");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode r = ok(api.get("/v1/customers/rita"));
              assertThat(r.path("loyalty").path("referred_customers").asInt()).isEqualTo(1);
              assertThat(
                      r.path("loyalty")
                          .path("campaigns")
                          .path("friends")
                          .path("referred_customers")
                          .asInt())
                  .isEqualTo(1);
              assertThat(r.path("loyalty").path("campaigns").path("points").path("points").asLong())
                  .isEqualTo(100);
            });
    JsonNode rob = ok(api.get("/v1/customers/rob"));
    assertThat(rob.path("referrals").path("total").asInt()).isEqualTo(1);
    assertThat(rob.path("referrals").path("campaigns").get(0).path("referrer_id").asString())
        .isEqualTo(rita);
    assertThat(rob.path("referrals").path("campaigns").get(0).path("campaign_id").asString())
        .isEqualTo(friends.path("id").asString());
    assertThat(ok(api.get("/v1/publications?campaign=welcome&customer=rob")).path("total").asInt())
        .isEqualTo(1);
    JsonNode rewarded = Api.parse(events(api).dataOf("customer.rewarded").get(0));
    assertThat(rewarded.path("campaign").path("id").asString())
        .isEqualTo(friends.path("id").asString());
    assertThat(events(api).count("customer.rewarded.loyalty_points")).isEqualTo(1);

    ok(redeem(api, code, "rob"));
    stillEvents(api, "customer.referred", 1);
    assertThat(events(api).count("customer.rewarded")).isEqualTo(2);
  }

  @Test
  void aCustomEventWithAReferralBlockConvertsWhenTheProgramSaysSo() {
    Api api = newProject();
    ok(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name", "credits",
                "campaign_type", "GIFT_VOUCHERS",
                "voucher", Map.of("type", "GIFT_VOUCHER", "gift", Map.of("amount", 0)))));
    referralProgram(
        api,
        "invite",
        Map.of(
            "conversion_event_type", "custom_event",
            "custom_event", Map.of("name", "signed_up"),
            "referrer_reward",
                Map.of(
                    "related_object_parent",
                    Map.of("id", "credits"),
                    "type",
                    "GIFT_VOUCHER",
                    "amount",
                    500)));
    String code = publish(api, "invite", "rita");
    String rita = ok(api.get("/v1/customers/rita")).path("id").asString();
    ok(redeem(api, code, "rob"));
    ok(
        api.post(
            "/v1/events",
            Map.of(
                "event",
                "logged_in",
                "customer",
                Map.of("source_id", "rob"),
                "referral",
                Map.of("code", code))));
    ok(
        api.post(
            "/v1/events",
            Map.of(
                "event",
                "signed_up",
                "customer",
                Map.of("source_id", "eve"),
                "referral",
                Map.of("code", code, "referrer_id", "cust_someone_else"))));
    stillEvents(api, "customer.referred", 0);
    ok(
        api.post(
            "/v1/events",
            Map.of(
                "event",
                "signed_up",
                "customer",
                Map.of("source_id", "rob"),
                "referral",
                Map.of("code", code, "referrer_id", rita))));
    awaitEvents(api, "customer.referred", 1);
    awaitEvents(api, "customer.rewarded", 1);
    JsonNode referred = Api.parse(events(api).dataOf("customer.referred").get(0));
    assertThat(referred.path("referral").path("related_object_type").asString())
        .isEqualTo("custom_event");
    JsonNode cards = ok(api.get("/v1/vouchers?campaign=credits&customer=" + rita));
    assertThat(cards.path("vouchers").get(0).path("gift").path("balance").asLong()).isEqualTo(500);
    JsonNode rewarded = Api.parse(events(api).dataOf("customer.rewarded").get(0));
    assertThat(rewarded.path("customer").path("id").asString()).isEqualTo(rita);
    assertThat(rewarded.path("balance").path("balance").asLong()).isEqualTo(500);
  }

  @Test
  void aPaidOrderWithAReferrerConvertsInTheReferrersPrograms() {
    Api api = newProject();
    discountCampaign(api, "thanks", "AUTO_UPDATE", 0);
    referralProgram(
        api,
        "friends",
        Map.of(
            "referrer_reward",
            Map.of("related_object_parent", Map.of("id", "thanks"), "type", "DISCOUNT_VOUCHER")));
    publish(api, "friends", "rita");
    ok(
        api.post(
            "/v1/orders",
            Map.of(
                "source_id",
                "o1",
                "customer",
                Map.of("source_id", "olga"),
                "referrer",
                Map.of("source_id", "rita"),
                "amount",
                4000,
                "status",
                "PAID")));
    awaitEvents(api, "customer.referred", 1);
    awaitEvents(api, "customer.rewarded", 1);
    assertThat(ok(api.get("/v1/publications?campaign=thanks&customer=rita")).path("total").asInt())
        .isEqualTo(1);
    ok(
        api.post(
            "/v1/orders",
            Map.of(
                "source_id",
                "o2",
                "customer",
                Map.of("source_id", "olga"),
                "referrer",
                Map.of("source_id", "rita"),
                "amount",
                100,
                "status",
                "PAID")));
    stillEvents(api, "customer.referred", 1);
    JsonNode referred = Api.parse(events(api).dataOf("customer.referred").get(0));
    assertThat(referred.path("order").path("source_id").asString()).isEqualTo("o1");
  }

  @Test
  void aRewardThatCannotBeGivenLeavesTheReferralStanding() {
    Api api = newProject();
    discountCampaign(api, "empty", "STATIC", 0);
    referralProgram(
        api,
        "friends",
        Map.of("referrer_reward", Map.of("related_object_parent", Map.of("id", "empty"))));
    String code = publish(api, "friends", "rita");
    ok(redeem(api, code, "rob"));
    awaitEvents(api, "customer.referred", 1);
    stillEvents(api, "customer.rewarded", 0);
    assertThat(ok(api.get("/v1/customers/rob")).path("referrals").path("total").asInt())
        .isEqualTo(1);
  }

  @Test
  void badReferralRewardsAreRejectedAndNothingIsCreated() {
    Api api = newProject();
    program(api, "points", 0, 0, null);
    error(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "r1",
                "campaign_type",
                "REFERRAL_PROGRAM",
                "voucher",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 1)),
                "referral_program",
                Map.of("referrer_reward", Map.of("related_object_parent", Map.of("id", "nope"))))),
        404,
        "not_found");
    error(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "r2",
                "campaign_type",
                "REFERRAL_PROGRAM",
                "voucher",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 1)),
                "referral_program",
                Map.of(
                    "referrer_reward",
                    Map.of(
                        "related_object_parent",
                        Map.of("id", "points"),
                        "type",
                        "GIFT_VOUCHER",
                        "amount",
                        5)))),
        400,
        "invalid_campaign");
    error(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "r3",
                "campaign_type",
                "REFERRAL_PROGRAM",
                "voucher",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 1)),
                "referral_program",
                Map.of("referee_reward", Map.of("related_object_parent", Map.of("id", "points"))))),
        400,
        "invalid_campaign");
    assertThat(ok(api.get("/v1/campaigns?campaign_type=REFERRAL_PROGRAM")).path("total").asInt())
        .isZero();
  }
}
