package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Each trigger type fires its distribution from the real API call that causes the event, and each
 * action puts what it produced into the message.
 */
class DistributionTriggersTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired EventLog eventLog;
  @Autowired TransactionTemplate tx;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private Api api;

  @BeforeEach
  void setUp() {
    api = newProject();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.add(Api.parse(request.getBody().utf8()));
            return new MockResponse.Builder().code(200).build();
          }
        });
  }

  private String live(Map<String, Object> trigger, Map<String, Object> action) {
    return Fixtures.sendDistribution(
        api,
        Fixtures.automatic(
            "T " + trigger.get("type"),
            trigger,
            action,
            List.of(Fixtures.webhook(receiver.url("/hook").toString()))));
  }

  private static Map<String, Object> plain() {
    return Map.of("type", "plain_message");
  }

  private JsonNode awaitOne() {
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> received.size() == 1);
    return received.get(0);
  }

  private JsonNode messages(String distribution) {
    return api.get("/v1/distributions/" + distribution + "/messages?limit=100")
        .json()
        .get("messages");
  }

  @Test
  void publishCodeSendsAFreshUniqueCodeAndRecordsItsPublication() {
    String campaign = Fixtures.campaign(api, "welcome-codes", "STATIC", 5).get("id").asString();
    String d =
        live(
            Map.of("type", "customer.custom_event", "custom_event", "joined"),
            Map.of("type", "publish_code", "campaign_id", campaign));

    api.post("/v1/events", Map.of("event", "joined", "customer", Map.of("source_id", "newbie")));

    JsonNode envelope = awaitOne();
    String code = envelope.at("/data/voucher/code").asString();
    assertThat(code).startsWith("HRLD-");
    assertThat(envelope.at("/data/publication/metadata/distribution_id").asString()).isEqualTo(d);
    assertThat(envelope.at("/data/campaign/id").asString()).isEqualTo(campaign);
    JsonNode message = messages(d).get(0);
    assertThat(message.get("voucher_code").asString()).isEqualTo(code);
    JsonNode voucher = api.get("/v1/vouchers/" + code).json();
    assertThat(voucher.get("holder_id").asString())
        .isEqualTo(api.get("/v1/customers/newbie").json().get("id").asString());
    JsonNode publications = api.get("/v1/publications?customer=newbie").json().get("publications");
    assertThat(publications.size()).isEqualTo(1);
    assertThat(publications.get(0).at("/metadata/source_type").asString())
        .isEqualTo("distribution");
    assertThat(publications.get(0).get("channel").asString()).isEqualTo("Dashboard");
  }

  @Test
  void anExhaustedPoolRecordsSkippedMessagesAndNeverSendsOneWithoutACode() {
    String campaign = Fixtures.campaign(api, "tiny-pool", "STATIC", 3).get("id").asString();
    String d =
        live(
            Map.of("type", "customer.custom_event", "custom_event", "rush"),
            Map.of("type", "publish_code", "campaign_id", campaign));

    for (int i = 0; i < 5; i++) {
      api.post("/v1/events", Map.of("event", "rush", "customer", Map.of("source_id", "rush-" + i)));
    }

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(messages(d).size()).isEqualTo(5));
    await().untilAsserted(() -> assertThat(received).hasSize(3));
    List<String> skipped = new ArrayList<>();
    for (JsonNode m : messages(d)) {
      if (m.get("status").asString().equals("SKIPPED")) {
        skipped.add(m.get("reason").asString());
        assertThat(m.get("voucher_code").isNull()).isTrue();
      } else {
        assertThat(m.get("voucher_code").asString()).startsWith("HRLD-");
      }
    }
    assertThat(skipped).containsExactly("no_codes_left", "no_codes_left");
    assertThat(received)
        .allSatisfy(e -> assertThat(e.at("/data/voucher/code").asString()).startsWith("HRLD-"));
    assertThat(received.stream().map(e -> e.at("/data/voucher/code").asString()).distinct())
        .hasSize(3);
  }

  @Test
  void notifyPromotionCarriesTheTierAndItsBanner() {
    JsonNode promotion =
        api.post(
                "/v1/campaigns",
                Map.of(
                    "name", "Summer promo",
                    "campaign_type", "PROMOTION",
                    "promotion",
                        Map.of(
                            "tiers",
                            List.of(
                                Map.of(
                                    "name",
                                    "Ten off",
                                    "banner",
                                    "10% off everything",
                                    "action",
                                    Map.of(
                                        "discount",
                                        Map.of("type", "PERCENT", "percent_off", 10)))))))
            .json();
    String tier =
        api.get("/v1/promotions/" + promotion.get("id").asString() + "/tiers")
            .json()
            .at("/tiers/0/id")
            .asString();
    live(
        Map.of("type", "customer.custom_event", "custom_event", "browse"),
        Map.of("type", "notify_promotion", "promotion_tier_id", tier));

    api.post("/v1/events", Map.of("event", "browse", "customer", Map.of("source_id", "shopper")));

    assertThat(awaitOne().at("/data/promotion_tier/banner").asString())
        .isEqualTo("10% off everything");
  }

  @Test
  void orderPaidFiresWhenAnOrderIsPaidAndOnlyThen() {
    String d = live(Map.of("type", "customer.order.paid"), plain());

    api.post(
        "/v1/orders",
        Map.of(
            "source_id",
            "o-1",
            "status",
            "CREATED",
            "amount",
            5000,
            "customer",
            Map.of("source_id", "buyer")));
    await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(received::isEmpty);
    api.put("/v1/orders/o-1", Map.of("status", "PAID"));

    JsonNode envelope = awaitOne();
    assertThat(envelope.at("/event/type").asString()).isEqualTo("customer.order.paid");
    assertThat(envelope.at("/data/order/source_id").asString()).isEqualTo("o-1");
    assertThat(messages(d).size()).isEqualTo(1);
  }

  @Test
  void aValidationRuleFiltersTheAudience() {
    String rule =
        api.post(
                "/v1/validation-rules",
                Map.of(
                    "name",
                    "Big orders",
                    "rules",
                    Map.of(
                        "logic",
                        "1",
                        "1",
                        Map.of(
                            "name",
                            "order.amount",
                            "conditions",
                            Map.of("$more_than", List.of(10000))))))
            .json()
            .get("id")
            .asString();
    live(Map.of("type", "customer.order.created", "validation_rule_id", rule), plain());

    api.post(
        "/v1/orders",
        Map.of("source_id", "small", "amount", 5000, "customer", Map.of("source_id", "a")));
    api.post(
        "/v1/orders",
        Map.of("source_id", "big", "amount", 25000, "customer", Map.of("source_id", "b")));

    assertThat(awaitOne().at("/data/order/source_id").asString()).isEqualTo("big");
  }

  @Test
  void codePublishedFiresForItsCampaignOnly() {
    String mine = Fixtures.campaign(api, "scoped", "STATIC", 3).get("id").asString();
    Fixtures.campaign(api, "other", "STATIC", 3);
    live(Map.of("type", "customer.publication.succeeded", "campaign_id", mine), plain());

    api.post(
        "/v1/publications",
        Map.of("campaign", Map.of("name", "other"), "customer", Map.of("source_id", "x")));
    api.post(
        "/v1/publications",
        Map.of("campaign", Map.of("name", "scoped"), "customer", Map.of("source_id", "y")));

    JsonNode envelope = awaitOne();
    assertThat(envelope.at("/data/campaign/id").asString()).isEqualTo(mine);
    assertThat(envelope.at("/data/voucher/code").asString()).startsWith("HRLD-");
  }

  @Test
  void voucherRedeemedFires() {
    String campaign = Fixtures.campaign(api, "redeemable", "STATIC", 2).get("id").asString();
    live(Map.of("type", "customer.redemption.succeeded", "campaign_id", campaign), plain());
    String code =
        api.post(
                "/v1/publications",
                Map.of(
                    "campaign", Map.of("name", "redeemable"), "customer", Map.of("source_id", "r")))
            .json()
            .at("/voucher/code")
            .asString();

    Api.Response redeemed =
        api.post(
            "/v1/redemptions",
            Map.of(
                "redeemables",
                List.of(Map.of("object", "voucher", "id", code)),
                "customer",
                Map.of("source_id", "r"),
                "order",
                Map.of("amount", 10000)));
    assertThat(redeemed.status()).as(redeemed.text()).isEqualTo(200);

    JsonNode envelope = awaitOne();
    assertThat(envelope.at("/event/type").asString()).isEqualTo("customer.redemption.succeeded");
    assertThat(envelope.at("/data/voucher/code").asString()).isEqualTo(code);
  }

  @Test
  void giftCreditsAddedFires() {
    JsonNode gift =
        api.post(
                "/v1/campaigns",
                Map.of(
                    "name",
                    "Gift cards",
                    "campaign_type",
                    "GIFT_VOUCHERS",
                    "type",
                    "STATIC",
                    "vouchers_count",
                    1,
                    "voucher",
                    Map.of("type", "GIFT_VOUCHER", "gift", Map.of("amount", 1000))))
            .json();
    live(
        Map.of(
            "type",
            "customer.voucher.gift.balance_added",
            "campaign_id",
            gift.get("id").asString()),
        plain());
    String code =
        api.post(
                "/v1/publications",
                Map.of(
                    "campaign", Map.of("name", "Gift cards"), "customer", Map.of("source_id", "g")))
            .json()
            .at("/voucher/code")
            .asString();

    Api.Response added = api.post("/v1/vouchers/" + code + "/balance", Map.of("amount", 2500));
    assertThat(added.status()).as(added.text()).isEqualTo(200);

    JsonNode envelope = awaitOne();
    assertThat(envelope.at("/event/type").asString())
        .isEqualTo("customer.voucher.gift.balance_added");
    assertThat(envelope.at("/data/voucher/code").asString()).isEqualTo(code);
  }

  @Test
  void aDistributionNeverFiresOnItsOwnEffects() {
    String d = live(Map.of("type", "customer.custom_event", "custom_event", "echo"), plain());
    ProjectId project = projects.authenticate(api.appId(), api.appToken()).orElseThrow();
    String customer =
        api.post("/v1/customers", Map.of("source_id", "echoer")).json().get("id").asString();
    tools.jackson.databind.node.ObjectNode data = Json.object();
    data.set("event", Json.object().put("type", "echo"));
    data.set("customer", Json.object().put("id", customer));

    tx.executeWithoutResult(
        s -> {
          Event cause =
              eventLog.append(NewEvent.of(project, "test.cause", customer, Json.object()));
          eventLog.asEffectOf(
              cause,
              d,
              () -> eventLog.append(NewEvent.of(project, "customer.custom_event", customer, data)));
        });
    api.post("/v1/events", Map.of("event", "echo", "customer", Map.of("source_id", "echoer")));

    awaitOne();
    assertThat(messages(d).size()).as("only the API's event fired it").isEqualTo(1);
  }

  @Test
  void referencesMustExistBeforeGoingLive() {
    Api.Response r =
        api.post(
            "/v1/distributions",
            Fixtures.automatic(
                "Bad refs",
                Map.of("type", "customer.order.paid"),
                Map.of("type", "publish_code", "campaign_id", "camp_nope"),
                List.of(Fixtures.webhook("https://example.com/h"))));
    String id = r.json().get("id").asString();
    Api.Response sent = api.post("/v1/distributions/" + id + "/send", null);
    assertThat(sent.status()).isEqualTo(400);
    assertThat(sent.json().get("details").asString()).contains("camp_nope");
  }
}
