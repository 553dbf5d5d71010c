package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The loyalty, segment and referral triggers fire from the real API calls that cause their events,
 * and manual sends reach a whole segment.
 */
class EngineTriggersTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired JdbcClient jdbc;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private Api api;

  /**
   * Records the webhooks of this test's project only. The receiver's port is any free one, so it
   * may be the port an earlier test's receiver had, and that test's messages still being sent or
   * retried (the clock is shared and tests advance it) would otherwise count here.
   */
  @BeforeEach
  void setUp() {
    api = newProject();
    String project = projectOf(api).value();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            JsonNode body = Api.parse(request.getBody().utf8());
            if (project.equals(body.path("project_id").asString(null))) {
              received.add(body);
            }
            return new MockResponse.Builder().code(200).build();
          }
        });
  }

  private String live(Map<String, Object> trigger) {
    return live(trigger, Map.of("type", "plain_message"));
  }

  private String live(Map<String, Object> trigger, Map<String, Object> action) {
    return Fixtures.sendDistribution(
        api,
        Fixtures.automatic(
            "T", trigger, action, List.of(Fixtures.webhook(receiver.url("/h").toString()))));
  }

  private List<String> eventTypes() {
    List<String> out = new ArrayList<>();
    received.forEach(e -> out.add(e.at("/event/type").asString()));
    return out;
  }

  private String loyaltyProgram(String name) {
    Api.Response r =
        api.post(
            "/v1/loyalties",
            Map.of(
                "name",
                name,
                "voucher",
                Map.of("type", "LOYALTY_CARD", "loyalty_card", Map.of("points", 0))));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("id").asString();
  }

  private String member(String program, String customer) {
    return api.post(
            "/v1/loyalties/" + program + "/members",
            Map.of("customer", Map.of("source_id", customer)))
        .json()
        .get("code")
        .asString();
  }

  private void addPoints(String program, String card, int points) {
    Api.Response r =
        api.post(
            "/v1/loyalties/" + program + "/members/" + card + "/balance", Map.of("points", points));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  @Test
  void segmentEnteredFiresWhenAnUpdateMovesACustomerIn() {
    api.post("/v1/customers", Map.of("source_id", "climber", "metadata", Map.of("tier", "silver")));
    String segment =
        api.post(
                "/v1/segments",
                Map.of(
                    "name",
                    "Gold",
                    "type",
                    "passive",
                    "filter",
                    Map.of(
                        "junction",
                        "and",
                        "metadata.tier",
                        Map.of("conditions", Map.of("$is", List.of("gold"))))))
            .json()
            .get("id")
            .asString();
    live(Map.of("type", "customer.segment.entered", "segment_id", segment));
    assertThat(api.get("/v1/segments/" + segment).json().get("type").asString())
        .as("a passive segment becomes active when a distribution uses it")
        .isEqualTo("auto-update");

    api.put("/v1/customers/climber", Map.of("metadata", Map.of("tier", "gold")));

    await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 1);
    assertThat(received.get(0).at("/data/segment/id").asString()).isEqualTo(segment);
    assertThat(api.delete("/v1/segments/" + segment).status()).as("in use").isEqualTo(409);
  }

  @Test
  void includeExistingMembersSendsOnceToCurrentMembersAtActivation() {
    for (String c : List.of("m1", "m2", "m3")) {
      api.post("/v1/customers", Map.of("source_id", c, "metadata", Map.of("club", true)));
    }
    api.post("/v1/customers", Map.of("source_id", "outsider"));
    String segment =
        api.post(
                "/v1/segments",
                Map.of(
                    "name",
                    "Club",
                    "type",
                    "auto-update",
                    "filter",
                    Map.of("metadata.club", Map.of("conditions", Map.of("$is", List.of(true))))))
            .json()
            .get("id")
            .asString();
    await()
        .until(
            () ->
                api.get("/v1/segments/" + segment)
                    .json()
                    .get("initial_sync_status")
                    .asString()
                    .equals("DONE"));
    String d =
        live(
            Map.of(
                "type",
                "customer.segment.entered",
                "segment_id",
                segment,
                "include_existing_members",
                true));

    await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 3);
    api.post("/v1/customers", Map.of("source_id", "m4", "metadata", Map.of("club", true)));
    await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 4);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> received.size() == 4);
    assertThat(received.stream().map(e -> e.at("/data/customer/source_id").asString()).toList())
        .containsExactlyInAnyOrder("m1", "m2", "m3", "m4");
  }

  @Test
  void pointsAddedAndTierUpgradedFire() {
    String program = loyaltyProgram("Club");
    api.post(
        "/v1/loyalties/" + program + "/tiers",
        List.of(
            Map.of("name", "Silver", "points", Map.of("from", 0, "to", 99)),
            Map.of("name", "Gold", "points", Map.of("from", 100))));
    live(Map.of("type", "customer.voucher.loyalty_card.points_added", "campaign_id", program));
    live(Map.of("type", "customer.loyalty.tier.upgraded", "campaign_id", program));
    String card = member(program, "loyal");

    addPoints(program, card, 150);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(eventTypes())
                    .contains(
                        "customer.voucher.loyalty_card.points_added",
                        "customer.loyalty.tier.upgraded"));
    JsonNode upgraded =
        received.stream()
            .filter(e -> e.at("/event/type").asString().equals("customer.loyalty.tier.upgraded"))
            .findFirst()
            .orElseThrow();
    assertThat(upgraded.at("/data/loyalty_tier_to/name").asString()).isEqualTo("Gold");
  }

  @Test
  void rewardRedeemedFires() {
    String program = loyaltyProgram("Rewards club");
    String reward =
        api.post(
                "/v1/rewards",
                Map.of(
                    "name",
                    "Mug",
                    "type",
                    "MATERIAL",
                    "parameters",
                    Map.of("product", Map.of("id", "prod_mug"))))
            .json()
            .get("id")
            .asString();
    api.post(
        "/v1/loyalties/" + program + "/rewards",
        Map.of("reward", reward, "parameters", Map.of("loyalty", Map.of("points", 10))));
    String card = member(program, "collector");
    addPoints(program, card, 50);
    live(Map.of("type", "customer.rewarded", "campaign_id", program));

    Api.Response redeemed =
        api.post(
            "/v1/loyalties/" + program + "/members/" + card + "/redemption",
            Map.of("reward", Map.of("id", reward)));
    assertThat(redeemed.status()).as(redeemed.text()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(eventTypes()).containsExactly("customer.rewarded"));
  }

  @Test
  void customerReferredFires() {
    String referral =
        api.post(
                "/v1/campaigns",
                Map.of(
                    "name",
                    "Friends",
                    "campaign_type",
                    "REFERRAL_PROGRAM",
                    "type",
                    "AUTO_UPDATE",
                    "voucher",
                    Map.of(
                        "type",
                        "DISCOUNT_VOUCHER",
                        "is_referral_code",
                        true,
                        "discount",
                        Map.of("type", "PERCENT", "percent_off", 10)),
                    "referral_program",
                    Map.of("conversion_event_type", "redemption")))
            .json()
            .get("id")
            .asString();
    live(Map.of("type", "customer.referred", "campaign_id", referral));
    String code =
        api.post(
                "/v1/publications",
                Map.of(
                    "campaign",
                    Map.of("name", "Friends"),
                    "customer",
                    Map.of("source_id", "referrer")))
            .json()
            .at("/voucher/code")
            .asString();

    Api.Response r =
        api.post(
            "/v1/redemptions",
            Map.of(
                "redeemables",
                List.of(Map.of("object", "voucher", "id", code)),
                "customer",
                Map.of("source_id", "friend"),
                "order",
                Map.of("amount", 5000)));
    assertThat(r.status()).as(r.text()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(eventTypes()).containsExactly("customer.referred"));
    assertThat(received.get(0).at("/data/customer/source_id").asString()).isEqualTo("friend");
  }

  /** A static segment of the customers with these source ids. */
  private String staticSegment(String name, List<String> sourceIds) {
    return api.post("/v1/segments", Map.of("name", name, "type", "static", "customers", sourceIds))
        .json()
        .get("id")
        .asString();
  }

  /** A manual send of the campaign's codes to the segment, over a webhook to the receiver. */
  private String sendCodes(String name, String segment, String campaign) {
    return Fixtures.sendDistribution(
        api,
        Fixtures.manual(
            name,
            Map.of("segment_id", segment),
            Map.of("type", "publish_code", "campaign_id", campaign),
            List.of(Fixtures.webhook(receiver.url("/h").toString()))));
  }

  @Test
  void aManualSegmentSendPublishesWhatThePoolHasAndRecordsTheRest() {
    for (int i = 0; i < 30; i++) {
      api.post("/v1/customers", Map.of("source_id", "s" + i, "metadata", Map.of("vip", true)));
    }
    String segment =
        staticSegment(
            "VIP", java.util.stream.IntStream.range(0, 30).mapToObj(i -> "s" + i).toList());
    String campaign = Fixtures.campaign(api, "twenty-five", "STATIC", 25).get("id").asString();
    String d = sendCodes("VIP codes", segment, campaign);

    clock.advance(Duration.ofMinutes(10));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(api.get("/v1/distributions/" + d).json().get("status").asString())
                    .isEqualTo("SENT"));
    JsonNode progress = api.get("/v1/distributions/" + d).json().get("progress");
    assertThat(progress.get("total").asInt()).isEqualTo(30);
    assertThat(progress.get("done").asInt()).isEqualTo(30);
    await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 25);
    assertThat(received.stream().map(e -> e.at("/data/voucher/code").asString()).distinct().count())
        .isEqualTo(25);
    assertThat(
            jdbc.sql(
                    "select count(*) from message where owner_id = :d and status = 'SKIPPED' and reason = 'no_codes_left'")
                .param("d", d)
                .query(Integer.class)
                .single())
        .isEqualTo(5);
    assertThat(
            jdbc.sql(
                    "select count(*) from message where owner_id = :d and status <> 'SKIPPED' and voucher_code is null")
                .param("d", d)
                .query(Integer.class)
                .single())
        .as("never a message without its code")
        .isZero();
  }

  @Test
  void aPublishedCodesMessageRefersToItsPublicationEventAndIsDeliveredWhole() throws Exception {
    for (int i = 0; i < 3; i++) {
      api.post("/v1/customers", Map.of("source_id", "r" + i, "name", "Reader " + i));
    }
    String segment = staticSegment("R", List.of("r0", "r1", "r2"));
    String campaign = Fixtures.campaign(api, "three", "STATIC", 3).get("id").asString();
    String d = sendCodes("By reference", segment, campaign);
    clock.advance(Duration.ofMinutes(10));
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 3);

    // stored: the customer, campaign, publication and code are the publication event's
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select m.customer_id, m.context::text as context, e.type, e.customer_id as of"
                    + " from message m join event_log e on e.seq = m.data_of where m.owner_id = :d")
            .param("d", d)
            .query()
            .listOfRows();
    assertThat(rows).hasSize(3);
    for (Map<String, Object> row : rows) {
      assertThat(row.get("type")).isEqualTo("customer.publication.succeeded");
      assertThat(row.get("of")).isEqualTo(row.get("customer_id"));
      assertThat((String) row.get("context"))
          .contains("{\"$event\":\"customer\"}", "{\"$event\":\"voucher\"}")
          .contains("{\"$event\":\"publication\"}", "{\"$event\":\"campaign\"}")
          .doesNotContain("Reader");
    }

    // delivered: the whole snapshot, each recipient with their own code
    for (JsonNode body : received) {
      JsonNode data = body.get("data");
      String code = data.at("/voucher/code").asString();
      assertThat(data.at("/customer/name").asString()).startsWith("Reader ");
      assertThat(data.at("/voucher/holder_id").asString())
          .isEqualTo(data.at("/customer/id").asString());
      assertThat(data.at("/publication/voucher/code").asString()).isEqualTo(code);
      assertThat(data.at("/publication/customer_id").asString())
          .isEqualTo(data.at("/customer/id").asString());
      assertThat(data.at("/campaign/id").asString()).isEqualTo(campaign);
      assertThat(data.at("/distribution/id").asString()).isEqualTo(d);
      assertThat(api.get("/v1/vouchers/" + code).json().get("holder_id").asString())
          .isEqualTo(data.at("/customer/id").asString());
      // the customer's wallet reads the code from the event too
      String cockpit =
          api.get("/v1/customers/" + data.at("/customer/id").asString())
              .json()
              .at("/assets/cockpit_url")
              .asString();
      assertThat(
              java.net.http.HttpClient.newHttpClient()
                  .send(
                      java.net.http.HttpRequest.newBuilder(java.net.URI.create(cockpit)).build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .body())
          .contains(code);
    }
    assertThat(received.stream().map(b -> b.at("/data/voucher/code").asString()).distinct())
        .hasSize(3);
  }

  @Test
  void aManualSendWaitsForItsSegmentsSyncAndTheDelayStartsAfterIt() {
    api.post("/v1/customers", Map.of("source_id", "w1", "metadata", Map.of("w", true)));
    String segment =
        api.post(
                "/v1/segments",
                Map.of(
                    "name",
                    "W",
                    "type",
                    "auto-update",
                    "filter",
                    Map.of("metadata.w", Map.of("conditions", Map.of("$is", List.of(true))))))
            .json()
            .get("id")
            .asString();
    await()
        .until(
            () ->
                api.get("/v1/segments/" + segment)
                    .json()
                    .get("initial_sync_status")
                    .asString()
                    .equals("DONE"));
    // as if the segment were still syncing
    jdbc.sql("update segment set initial_sync_status = 'IN_PROGRESS' where id = :s")
        .param("s", segment)
        .update();
    String campaign = Fixtures.campaign(api, "w-codes", "AUTO_UPDATE", 1).get("id").asString();
    String d = sendCodes("Wait", segment, campaign);
    assertThat(api.get("/v1/distributions/" + d).json().get("status").asString())
        .isEqualTo("WAITING_FOR_SEGMENT_SYNC");
    clock.advance(Duration.ofMinutes(20));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                api.get("/v1/distributions/" + d)
                    .json()
                    .get("status")
                    .asString()
                    .equals("WAITING_FOR_SEGMENT_SYNC"));

    jdbc.sql("update segment set initial_sync_status = 'DONE' where id = :s")
        .param("s", segment)
        .update();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get("/v1/distributions/" + d)
                    .json()
                    .get("status")
                    .asString()
                    .equals("SCHEDULED"));
    assertThat(api.post("/v1/distributions/" + d + "/cancel", null).status())
        .as("still in its window")
        .isEqualTo(200);
  }
}
