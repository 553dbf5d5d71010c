package dev.herald.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrdersAndCampaignsTest extends PromoTestSupport {

  @Test
  void orderEventsAppearOncePerRealTransitionAndSummaryFollows() {
    Api api = newProject();
    JsonNode order =
        ok(
            api.post(
                "/v1/orders",
                Map.of(
                    "source_id",
                    "o1",
                    "customer",
                    Map.of("source_id", "buyer"),
                    "items",
                    List.of(Map.of("product_id", "p1", "quantity", 2, "price", 1500)))));
    assertThat(order.path("amount").asLong()).isEqualTo(3000);
    assertThat(order.path("status").asString()).isEqualTo("CREATED");
    ok(api.put("/v1/orders/o1", Map.of("status", "CREATED")));
    ok(api.put("/v1/orders/o1", Map.of("metadata", Map.of("gift", true))));
    ok(api.put("/v1/orders/o1", Map.of("status", "PAID")));
    ok(api.put("/v1/orders/o1", Map.of("status", "PAID")));
    ok(api.post("/v1/orders", Map.of("source_id", "o1", "status", "CANCELED")));
    var e = events(api);
    assertThat(e.count("customer.order.created")).isEqualTo(1);
    assertThat(e.count("customer.order.updated")).isEqualTo(1);
    assertThat(e.count("customer.order.paid")).isEqualTo(1);
    assertThat(e.count("customer.order.canceled")).isEqualTo(1);
    ok(
        api.post(
            "/v1/orders",
            Map.of(
                "source_id",
                "o2",
                "amount",
                2000,
                "status",
                "PAID",
                "customer",
                Map.of("source_id", "buyer"))));
    JsonNode summary = ok(api.get("/v1/customers/buyer")).path("summary").path("orders");
    assertThat(summary.path("total_count").asInt()).isEqualTo(1);
    assertThat(summary.path("total_amount").asLong()).isEqualTo(2000);
    assertThat(summary.path("last_order_amount").asLong()).isEqualTo(2000);
    assertThat(ok(api.get("/v1/orders?limit=1")).path("has_more").asBoolean()).isTrue();
  }

  @Test
  void inconsistentOrdersAreRejectedAndChangeNothing() {
    Api api = newProject();
    error(
        api.post(
            "/v1/orders",
            Map.of(
                "amount", 100, "items", List.of(Map.of("price", 50, "quantity", 1, "amount", 50)))),
        400,
        "invalid_order");
    error(
        api.post(
            "/v1/orders",
            Map.of("items", List.of(Map.of("price", 50, "quantity", 2, "amount", 70)))),
        400,
        "invalid_order");
    error(
        api.post("/v1/orders", Map.of("amount", 100, "discount_amount", 200)),
        400,
        "invalid_order");
    error(api.post("/v1/orders", Map.of("amount", -1)), 400, "invalid_order");
    error(api.post("/v1/orders", Map.of("status", "SHIPPED")), 400, "invalid_order");
    assertThat(ok(api.get("/v1/orders")).path("total").asInt()).isZero();
    assertThat(events(api).count("customer.order.created")).isZero();
  }

  @Test
  void largeCampaignsGenerateInTheBackgroundWithUniqueCodes() {
    Api api = newProject();
    JsonNode c = discountCampaign(api, "big", "STATIC", 12_000, null);
    assertThat(c.path("vouchers_generation_status").asString()).isEqualTo("IN_PROGRESS");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        ok(api.get("/v1/campaigns/big"))
                            .path("vouchers_generation_status")
                            .asString())
                    .isEqualTo("DONE"));
    assertThat(ok(api.get("/v1/campaigns/big")).path("vouchers_count").asInt()).isEqualTo(12_000);
    long distinct =
        jdbc.sql("select count(distinct code) from voucher where campaign_id = :c")
            .param("c", c.path("id").asString())
            .query(Long.class)
            .single();
    assertThat(distinct).isEqualTo(12_000);
  }

  @Test
  void badCampaignsAreRejectedWithReferenceKeys() {
    Api api = newProject();
    error(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "x",
                "voucher",
                Map.of(
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 1),
                    "code_config",
                    Map.of("pattern", "NOHASH")))),
        400,
        "invalid_code_config");
    error(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "x",
                "vouchers_count",
                100,
                "voucher",
                Map.of(
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 1),
                    "code_config",
                    Map.of("pattern", "#", "charset", "AB")))),
        400,
        "invalid_code_config");
    error(
        api.post(
            "/v1/campaigns",
            Map.of("name", "x", "voucher", Map.of("discount", Map.of("type", "HALF")))),
        400,
        "invalid_campaign");
    error(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "x",
                "campaign_type",
                "LOYALTY_PROGRAM",
                "voucher",
                Map.of("type", "LOYALTY_CARD", "loyalty_card", Map.of("points", -1)))),
        400,
        "invalid_campaign");
    error(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "x",
                "campaign_type",
                "LOYALTY_PROGRAM",
                "voucher",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 1)))),
        400,
        "invalid_campaign");
    assertThat(ok(api.get("/v1/campaigns")).path("total").asInt()).isZero();
    discountCampaign(api, "dup", "STATIC", 0, null);
    error(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "dup",
                "voucher",
                Map.of("discount", Map.of("type", "AMOUNT", "amount_off", 1)))),
        409,
        "duplicate_found");
    error(api.get("/v1/campaigns/missing"), 404, "not_found");
  }

  @Test
  void voucherAssetsServeRealPngAndSvgImages() {
    Api api = newProject();
    JsonNode v =
        ok(
            api.post(
                "/v1/vouchers/",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 5),
                    "code_config",
                    Map.of("pattern", "QR-####"))));
    assertThat(v.path("code").asString()).startsWith("QR-");
    String qr = v.path("assets").path("qr").path("url").asString();
    String barcode = v.path("assets").path("barcode").path("url").asString();
    Api anonymous = anonymous();
    Api.Response png = anonymous.get(qr.substring(qr.indexOf("/assets")) + "?size=5");
    assertThat(png.status()).isEqualTo(200);
    assertThat(png.header("content-type")).isEqualTo("image/png");
    Api.Response svg = anonymous.get(barcode.substring(barcode.indexOf("/assets")) + "?format=svg");
    assertThat(svg.header("content-type")).startsWith("image/svg+xml");
    assertThat(svg.text()).startsWith("<svg");
    assertThat(anonymous.get("/assets/qr/nope").status()).isEqualTo(404);
  }
}
