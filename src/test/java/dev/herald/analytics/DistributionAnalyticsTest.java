package dev.herald.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
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

class DistributionAnalyticsTest extends HeraldTest {

  static final String ZONE = "Asia/Kolkata"; // +05:30: local hours start at half past UTC hours

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
    assertThat(api.put("/v1/projects/current", Map.of("time_zone", ZONE)).status()).isEqualTo(200);
  }

  /**
   * The receiver: recipients {@code i % 10 == 3} get a 503 on their first delivery and a 200 after
   * (recovered), {@code i % 50 == 7} a 400 every time (failed for good), the rest a 200.
   */
  private Set<String> failingReceiver() {
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            JsonNode body = Api.parse(request.getBody().utf8());
            String source = body.at("/data/customer/source_id").asString("");
            if (!source.startsWith("an-")) {
              // another test's retry, due now that this test moved the clock, to a reused port
              return new MockResponse.Builder().code(200).build();
            }
            int i = Integer.parseInt(source.substring(source.indexOf('-') + 1));
            if (i % 50 == 7) {
              return new MockResponse.Builder().code(400).build();
            }
            if (i % 10 == 3 && failedOnce.add(source)) {
              return new MockResponse.Builder().code(503).build();
            }
            return new MockResponse.Builder().code(200).build();
          }
        });
    return failedOnce;
  }

  private long count(String sql, String param) {
    return jdbc.sql(sql).param(param).query(Long.class).single();
  }

  private JsonNode analytics(String distribution, String query) {
    Api.Response r = api.get("/v1/distributions/" + distribution + "/analytics?" + query);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  private void awaitSettled(String distribution) {
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                count(
                        "select count(*) from message where owner_id = ?"
                            + " and status in ('QUEUED', 'SENDING')",
                        distribution)
                    == 0);
  }

  @Test
  void tenThousandMessagesWithFailuresAndRecoveriesAddUpToTheMessageAndAttemptTables()
      throws Exception {
    int recipients = 10_000;
    int codes = 9_950; // the last 50 recipients are skipped: no code left
    Set<String> failedOnce = failingReceiver();
    List<String> ids = insertCustomers(api, "an", recipients);
    String segment = staticSegment(api, ids);
    String campaign =
        Fixtures.campaign(api, "ten-k-analytics", "STATIC", codes).get("id").asString();
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                api.get("/v1/campaigns/" + campaign)
                    .json()
                    .path("vouchers_generation_status")
                    .asString()
                    .equals("DONE"));
    Instant start = clock.instant();
    String distribution =
        Fixtures.sendDistribution(
            api,
            Map.of(
                "name", "Ten thousand, measured",
                "trigger", Map.of("type", "manual"),
                "audience", Map.of("segment_id", segment),
                "action", Map.of("type", "publish_code", "campaign_id", campaign),
                "channels", List.of(Fixtures.webhook(receiver.url("/h").toString()))));
    clock.advance(Duration.ofMinutes(11));
    await()
        .atMost(Duration.ofSeconds(180))
        .until(
            () ->
                count("select count(*) from message where owner_id = ?", distribution)
                    == recipients);
    awaitSettled(distribution);
    assertThat(failedOnce).isNotEmpty();

    // an hour and a half later the retries are due: the 503s recover in another local hour
    clock.advance(Duration.ofMinutes(90));
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                count(
                        "select count(*) from message where owner_id = ?"
                            + " and status not in ('DELIVERED', 'FAILED', 'SKIPPED')",
                        distribution)
                    == 0);

    String range =
        "granularity=%s&start_date="
            + start.minus(Duration.ofHours(1))
            + "&end_date="
            + clock.instant().plus(Duration.ofHours(1));
    try (Connection c = dataSource.getConnection()) {
      var hourly = AnalyticsTruth.series(c, distribution, ZONE, "hour");
      var daily = AnalyticsTruth.series(c, distribution, ZONE, "day");
      JsonNode byHour = analytics(distribution, range.formatted("hour"));
      JsonNode byDay = analytics(distribution, range.formatted("day"));
      assertThat(byHour.get("time_zone").asString()).isEqualTo(ZONE);
      AnalyticsTruth.assertEquals(byHour, hourly);
      AnalyticsTruth.assertEquals(byDay, daily);

      Map<String, Long> totals = AnalyticsTruth.totals(hourly);
      assertThat(totals.get("queued")).isEqualTo(recipients);
      assertThat(totals.get("skipped")).isEqualTo(recipients - codes);
      // about a tenth recovered, a fiftieth failed for good (fewer: some of them had no code left)
      assertThat(totals.get("recovered"))
          .isEqualTo((long) failedOnce.size())
          .isBetween(900L, 1000L);
      assertThat(totals.get("failed")).isBetween(180L, 200L);
      assertThat(totals.get("sent")).isEqualTo(codes);
      assertThat(hourly.values().iterator().next().keySet())
          .as("the recoveries land in a later hour than the first sends")
          .hasSizeGreaterThan(1);
      long published =
          AnalyticsTruth.scalar(
              c,
              "select count(*) from publication where metadata ->> 'distribution_id' = ?",
              distribution);
      assertThat(published).isEqualTo(codes);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          analytics(distribution, range.formatted("day"))
                              .at("/codes_published")
                              .asLong())
                      .isEqualTo(published));
    }
  }

  private String manualWithCodes(String campaign, List<String> customers) {
    return Fixtures.sendDistribution(
        api,
        Map.of(
            "name", "Codes for a few",
            "trigger", Map.of("type", "manual"),
            "audience", Map.of("segment_id", staticSegment(api, customers)),
            "action", Map.of("type", "publish_code", "campaign_id", campaign),
            "channels", List.of(Fixtures.webhook(receiver.url("/h").toString()))));
  }

  private void redeem(String code, String customerId) {
    Api.Response r =
        api.post(
            "/v1/redemptions",
            Map.of(
                "redeemables", List.of(Map.of("object", "voucher", "id", code)),
                "customer", Map.of("id", customerId),
                "order", Map.of("amount", 5000)));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  @Test
  void aDistributionEditedAwayFromACampaignStaysOnItsDashboardWithTheCodesItPublished() {
    String before = Fixtures.campaign(api, "before-edit", "AUTO_UPDATE", 1).get("id").asString();
    String after = Fixtures.campaign(api, "after-edit", "AUTO_UPDATE", 1).get("id").asString();
    String id =
        Fixtures.sendDistribution(
            api,
            Fixtures.automatic(
                "Edited",
                Map.of("type", "customer.custom_event", "custom_event", "joined"),
                Map.of("type", "publish_code", "campaign_id", before),
                List.of(Fixtures.webhook(receiver.url("/h").toString()))));
    api.post("/v1/events", Map.of("event", "joined", "customer", Map.of("source_id", "ed")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> analytics(id, "granularity=day").get("codes_published").asLong() == 1);
    assertThat(api.post("/v1/distributions/" + id + "/pause", null).status()).isEqualTo(200);
    Api.Response edited =
        api.put(
            "/v1/distributions/" + id,
            Map.of("action", Map.of("type", "publish_code", "campaign_id", after)));
    assertThat(edited.status()).as(edited.text()).isEqualTo(200);

    JsonNode dashboard = api.get("/v1/campaigns/" + before + "/distributions").json();
    assertThat(dashboard.get("total").asInt()).isEqualTo(1);
    JsonNode row = find(dashboard.get("distributions"), id);
    assertThat(row.get("codes_published").asLong()).isEqualTo(1);
    assertThat(row.get("channels").asInt()).isEqualTo(1);
    assertThat(api.get("/v1/campaigns/" + after + "/distributions").json().get("total").asInt())
        .isEqualTo(1);
  }

  @Test
  void redemptionsOfPublishedCodesShowInTheDistributionsAnalyticsAndTheCampaignDashboard() {
    receiver.setDispatcher(Fixtures.answeringOk());
    String campaign = Fixtures.campaign(api, "dash-codes", "AUTO_UPDATE", 1).get("id").asString();
    List<String> first = insertCustomers(api, "a", 8);
    List<String> second = insertCustomers(api, "b", 4);
    String one = manualWithCodes(campaign, first);
    String two = manualWithCodes(campaign, second);
    clock.advance(Duration.ofMinutes(11));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(
                            "select count(*) from message where owner_id = ? and status = 'DELIVERED'",
                            one)
                        == 8
                    && count(
                            "select count(*) from message where owner_id = ? and status = 'DELIVERED'",
                            two)
                        == 4);
    List<Map<String, Object>> codesOfOne =
        jdbc.sql(
                "select voucher_code, customer_id from message where owner_id = :id"
                    + " order by customer_id")
            .param("id", one)
            .query()
            .listOfRows();
    redeem(
        (String) codesOfOne.get(0).get("voucher_code"),
        (String) codesOfOne.get(0).get("customer_id"));
    redeem(
        (String) codesOfOne.get(1).get("voucher_code"),
        (String) codesOfOne.get(1).get("customer_id"));
    // redeemed twice: still one redeemed code
    redeem(
        (String) codesOfOne.get(1).get("voucher_code"),
        (String) codesOfOne.get(1).get("customer_id"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode a = analytics(one, "granularity=day");
              assertThat(a.get("codes_published").asLong()).isEqualTo(8);
              assertThat(a.get("codes_redeemed").asLong()).isEqualTo(2);
              assertThat(a.get("redemption_rate").asDouble()).isEqualTo(0.25);
              assertThat(a.at("/lifetime/codes_redeemed").asLong()).isEqualTo(2);
              long inSeries = 0;
              for (JsonNode p : a.get("series")) {
                inSeries += p.get("codes_redeemed").asLong();
              }
              assertThat(inSeries).isEqualTo(2);
            });

    JsonNode dashboard = api.get("/v1/campaigns/" + campaign + "/distributions").json();
    assertThat(dashboard.get("data_ref").asString()).isEqualTo("distributions");
    assertThat(dashboard.get("total").asInt()).isEqualTo(2);
    JsonNode rowOne = find(dashboard.get("distributions"), one);
    JsonNode rowTwo = find(dashboard.get("distributions"), two);
    assertThat(rowOne.get("status").asString()).isEqualTo("SENT");
    assertThat(rowOne.get("channels").asInt()).isEqualTo(1);
    assertThat(rowOne.get("codes_published").asLong()).isEqualTo(8);
    assertThat(rowOne.get("messages_delivered").asLong()).isEqualTo(8);
    assertThat(rowOne.get("codes_redeemed").asLong()).isEqualTo(2);
    assertThat(rowOne.get("redemption_rate").asDouble()).isEqualTo(0.25);
    assertThat(rowTwo.get("codes_published").asLong()).isEqualTo(4);
    assertThat(rowTwo.get("codes_redeemed").asLong()).isZero();
    assertThat(rowTwo.get("redemption_rate").asDouble()).isZero();

    assertThat(api.get("/v1/campaigns/camp_nope/distributions").status()).isEqualTo(404);
  }

  private static JsonNode find(JsonNode list, String id) {
    for (JsonNode n : list) {
      if (n.get("id").asString().equals(id)) {
        return n;
      }
    }
    throw new AssertionError(id + " not in " + list);
  }
}
