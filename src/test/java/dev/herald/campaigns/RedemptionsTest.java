package dev.herald.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RedemptionsTest extends PromoTestSupport {

  private static String onlyCode(Api api, String campaign) {
    return ok(api.get("/v1/vouchers?campaign=" + campaign))
        .path("vouchers")
        .get(0)
        .path("code")
        .asString();
  }

  @Test
  void fiftyParallelRedemptionsOfAQuantityTenCodeGiveExactlyTen() throws Exception {
    Api api = newProject();
    discountCampaign(api, "ten", "STATIC", 1, 10);
    String code = onlyCode(api, "ten");
    List<Api.Response> results =
        parallel(
            50,
            i ->
                api.post(
                    "/v1/vouchers/" + code + "/redemption",
                    Map.of("customer", Map.of("source_id", "p" + (i % 5)))));
    long succeeded = results.stream().filter(r -> r.status() == 200).count();
    assertThat(succeeded).isEqualTo(10);
    results.stream()
        .filter(r -> r.status() != 200)
        .forEach(r -> error(r, 400, "quantity_exceeded"));
    assertThat(
            ok(api.get("/v1/vouchers/" + code))
                .path("redemption")
                .path("redeemed_quantity")
                .asInt())
        .isEqualTo(10);
    assertThat(events(api).count("customer.redemption.succeeded")).isEqualTo(10);
    assertThat(events(api).count("customer.redemption.failed")).isEqualTo(40);
  }

  @Test
  void aGiftCardIsNeverSpentBelowZero() throws Exception {
    Api api = newProject();
    ok(
        api.post(
            "/v1/vouchers/GIFT-1", Map.of("type", "GIFT_VOUCHER", "gift", Map.of("amount", 1000))));
    List<Api.Response> results =
        parallel(
            25,
            i ->
                api.post(
                    "/v1/redemptions",
                    Map.of(
                        "redeemables",
                            List.of(
                                Map.of(
                                    "object",
                                    "voucher",
                                    "id",
                                    "GIFT-1",
                                    "gift",
                                    Map.of("credits", 100))),
                        "customer", Map.of("source_id", "g"),
                        "order", Map.of("amount", 5000))));
    assertThat(results.stream().filter(r -> r.status() == 200).count()).isEqualTo(10);
    assertThat(ok(api.get("/v1/vouchers/GIFT-1")).path("gift").path("balance").asLong()).isZero();
    error(
        api.post("/v1/vouchers/GIFT-1/balance", Map.of("amount", -1)), 400, "gift_amount_exceeded");
  }

  @Test
  void stackedRedemptionAppliesDiscountsInTurnAndRollbackRestoresEverything() {
    Api api = newProject();
    ok(
        api.post(
            "/v1/vouchers/TENOFF",
            Map.of(
                "type",
                "DISCOUNT_VOUCHER",
                "discount",
                Map.of("type", "PERCENT", "percent_off", 10),
                "redemption",
                Map.of("quantity", 1))));
    ok(
        api.post(
            "/v1/vouchers/CARD", Map.of("type", "GIFT_VOUCHER", "gift", Map.of("amount", 2000))));
    JsonNode promo =
        ok(
            api.post(
                "/v1/campaigns",
                Map.of(
                    "name",
                    "spring",
                    "campaign_type",
                    "PROMOTION",
                    "promotion",
                    Map.of(
                        "tiers",
                        List.of(
                            Map.of(
                                "name",
                                "5 off",
                                "banner",
                                "Spring: 5 off",
                                "action",
                                Map.of(
                                    "discount", Map.of("type", "AMOUNT", "amount_off", 500))))))));
    String tierId = promo.path("promotion").path("tiers").get(0).path("id").asString();
    JsonNode redeemed =
        ok(
            api.post(
                "/v1/redemptions",
                Map.of(
                    "redeemables",
                        List.of(
                            Map.of("object", "voucher", "id", "TENOFF"),
                            Map.of("object", "promotion_tier", "id", tierId),
                            Map.of("object", "voucher", "id", "CARD")),
                    "customer", Map.of("source_id", "stacker"),
                    "order", Map.of("source_id", "o-1", "amount", 10000))));
    JsonNode order = redeemed.path("order");
    // 10% of 10000 = 1000; 500 off the remaining 9000; the card pays up to 2000 of 8500
    assertThat(order.path("discount_amount").asLong()).isEqualTo(3500);
    assertThat(order.path("status").asString()).isEqualTo("PAID");
    assertThat(redeemed.path("redemptions").size()).isEqualTo(3);
    assertThat(ok(api.get("/v1/vouchers/CARD")).path("gift").path("balance").asLong()).isZero();
    JsonNode customer = ok(api.get("/v1/customers/stacker"));
    assertThat(customer.path("summary").path("redemptions").path("total_succeeded").asInt())
        .isEqualTo(3);
    assertThat(customer.path("summary").path("orders").path("total_count").asInt()).isEqualTo(1);

    String parent = redeemed.path("parent_redemption").path("id").asString();
    error(
        api.post(
            "/v1/redemptions/"
                + redeemed.path("redemptions").get(0).path("id").asString()
                + "/rollback",
            null),
        400,
        "invalid_rollback_params");
    JsonNode rollback =
        ok(api.post("/v1/redemptions/" + parent + "/rollback?reason=mistake", Map.of()));
    assertThat(rollback.path("object").asString()).isEqualTo("redemption_rollback");
    assertThat(rollback.path("reason").asString()).isEqualTo("mistake");
    error(
        api.post("/v1/redemptions/" + parent + "/rollback", Map.of("reason", "again")),
        400,
        "already_rolled_back");
    assertThat(ok(api.get("/v1/vouchers/CARD")).path("gift").path("balance").asLong())
        .isEqualTo(2000);
    assertThat(
            ok(api.get("/v1/vouchers/TENOFF")).path("redemption").path("redeemed_quantity").asInt())
        .isZero();
    assertThat(ok(api.get("/v1/orders/o-1")).path("status").asString()).isEqualTo("CANCELED");
    assertThat(events(api).count("customer.redemption.rollback.succeeded")).isEqualTo(3);
    assertThat(events(api).count("customer.order.canceled")).isEqualTo(1);
    assertThat(events(api).count("customer.order.paid")).isEqualTo(1);
    assertThat(
            ok(api.get("/v1/customers/stacker"))
                .path("summary")
                .path("redemptions")
                .path("total_rolled_back")
                .asInt())
        .isEqualTo(3);
  }

  @Test
  void unusableVouchersAreRejectedWithReferenceKeysAndChangeNothing() {
    Api api = newProject();
    ok(
        api.post(
            "/v1/vouchers/OFF",
            Map.of(
                "type",
                "DISCOUNT_VOUCHER",
                "discount",
                Map.of("type", "AMOUNT", "amount_off", 100))));
    ok(api.post("/v1/vouchers/OFF/disable", Map.of()));
    error(api.post("/v1/vouchers/OFF/redemption", Map.of()), 400, "voucher_disabled");
    ok(
        api.post(
            "/v1/vouchers/OLD",
            Map.of(
                "type",
                "DISCOUNT_VOUCHER",
                "expiration_date",
                "2020-01-01T00:00:00Z",
                "discount",
                Map.of("type", "AMOUNT", "amount_off", 100))));
    error(
        api.post("/v1/vouchers/OLD/redemption", Map.of("customer", Map.of("source_id", "late"))),
        400,
        "voucher_expired");
    error(api.post("/v1/vouchers/NONE/redemption", Map.of()), 404, "not_found");
    error(api.post("/v1/redemptions", Map.of("redeemables", List.of())), 400, "invalid_payload");
    error(api.get("/v1/customers/late"), 404, "not_found");
    assertThat(events(api).count("customer.redemption.succeeded")).isZero();
    assertThat(events(api).count("customer.redemption.failed")).isEqualTo(2);
    JsonNode validation =
        ok(
            api.post(
                "/v1/validations",
                Map.of("redeemables", List.of(Map.of("object", "voucher", "id", "OFF")))));
    assertThat(validation.path("valid").asBoolean()).isFalse();
    assertThat(
            validation
                .path("inapplicable_redeemables")
                .get(0)
                .path("result")
                .path("error")
                .path("key")
                .asString())
        .isEqualTo("voucher_disabled");
  }

  @Test
  void validationRulesAssignedToACodeDecideWithTheirOwnMessage() {
    Api api = newProject();
    ok(
        api.post(
            "/v1/vouchers/BIG",
            Map.of(
                "type",
                "DISCOUNT_VOUCHER",
                "discount",
                Map.of("type", "AMOUNT", "amount_off", 100))));
    String rule =
        ok(api.post(
                "/v1/validation-rules",
                Map.of(
                    "name",
                    "min 50",
                    "error",
                    Map.of("message", "Spend 50 first"),
                    "rules",
                    Map.of(
                        "1",
                        Map.of(
                            "name",
                            "order.amount",
                            "conditions",
                            Map.of("$more_than_or_equal", List.of(5000)))))))
            .path("id")
            .asString();
    ok(api.post("/v1/validation-rules/" + rule + "/assignments", Map.of("voucher", "BIG")));
    Api.Response small =
        api.post("/v1/vouchers/BIG/redemption", Map.of("order", Map.of("amount", 1000)));
    error(small, 400, "order_rules_violated");
    assertThat(small.json().path("error").path("message").asString()).isEqualTo("Spend 50 first");
    JsonNode big =
        ok(api.post("/v1/vouchers/BIG/redemption", Map.of("order", Map.of("amount", 6000))));
    assertThat(big.path("order").path("discount_amount").asLong()).isEqualTo(100);
    String segmentRule =
        ok(api.post(
                "/v1/validation-rules",
                Map.of(
                    "name",
                    "vip",
                    "rules",
                    Map.of(
                        "1",
                        Map.of(
                            "name",
                            "customer.segment",
                            "conditions",
                            Map.of("$is", List.of("seg_vip")))))))
            .path("id")
            .asString();
    ok(
        api.post(
            "/v1/validation-rules/" + segmentRule + "/assignments",
            Map.of("related_object_type", "voucher", "related_object_id", "BIG")));
    error(
        api.post(
            "/v1/vouchers/BIG/redemption",
            Map.of("customer", Map.of("source_id", "s"), "order", Map.of("amount", 6000))),
        400,
        "customer_rules_violated");
  }

  @Test
  void giftBalanceAddedOnceWithItsEvent() {
    Api api = newProject();
    ok(
        api.post(
            "/v1/vouchers/TOPUP", Map.of("type", "GIFT_VOUCHER", "gift", Map.of("amount", 100))));
    JsonNode balance =
        ok(api.post("/v1/vouchers/TOPUP/balance", Map.of("amount", 500, "source_id", "topup-1")));
    assertThat(balance.path("balance").asLong()).isEqualTo(600);
    assertThat(balance.path("object").asString()).isEqualTo("balance");
    ok(api.post("/v1/vouchers/TOPUP/balance", Map.of("amount", 500, "source_id", "topup-1")));
    assertThat(ok(api.get("/v1/vouchers/TOPUP")).path("gift").path("balance").asLong())
        .isEqualTo(600);
    assertThat(events(api).count("customer.voucher.gift.balance_added")).isEqualTo(1);
    error(
        api.post("/v1/vouchers/TOPUP/balance", Map.of("amount", "ten")),
        400,
        "invalid_add_balance_params");
  }
}
