package dev.herald.process;

import static dev.herald.support.ProcessDatabase.count;
import static dev.herald.support.ProcessDatabase.insertCustomers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.analytics.AnalyticsTruth;
import dev.herald.support.Api;
import dev.herald.support.HeraldProcess;
import dev.herald.support.SseClient;
import dev.herald.support.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Analytics and the live activity stream with two Herald nodes (the packaged jar) on one database:
 * a 10,000-message distribution with injected failures and recoveries whose sending node is killed
 * with {@code kill -9} midway still reports totals and series equal to the message and attempt
 * tables; and a stream client on node B sees node A's events in order and resumes without gaps.
 */
class AnalyticsNodesIT {

  private static final String ZONE = "America/St_Johns"; // -03:30 (-02:30 in summer)

  @StartStop final MockWebServer receiver = new MockWebServer();

  private static Map<String, String> env(String database) {
    Map<String, String> env =
        HeraldProcess.env(TestPostgres.newDatabase(database), "an-app", "an-token");
    // room for an attempt cut short by the kill, a 503 and the 200 after it
    env.put("HERALD_WEBHOOK_RETRY_SCHEDULE", "PT1S,PT1S,PT1S");
    env.put("HERALD_WEBHOOK_RETRY_JITTER", "0");
    env.put("HERALD_DISPATCHER_LEASE", "PT15S");
    env.put("HERALD_MANUAL_DELAY", "PT1S");
    env.put("HERALD_API_RATE_LIMIT", "10000000");
    return env;
  }

  @Test
  void analyticsEqualTheMessageAndAttemptTablesAfterTheSendingNodeIsKilled() throws Exception {
    int recipients = 10_000;
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    // while held, the receiver answers nobody, so node A is surely mid-send when it is killed
    AtomicBoolean holding = new AtomicBoolean();
    CountDownLatch released = new CountDownLatch(1);
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (holding.get()) {
              released.await(60, TimeUnit.SECONDS);
            }
            String source =
                Api.parse(request.getBody().utf8()).at("/data/customer/source_id").asString("");
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
    Map<String, String> env = env("analytics_nodes_kill");
    String url = env.get("HERALD_DB_URL");
    HeraldProcess a = HeraldProcess.start("analytics-a", env);
    HeraldProcess b = HeraldProcess.start("analytics-b", env);
    try {
      Api apiA = a.api("an-app", "an-token");
      Api apiB = b.api("an-app", "an-token");
      assertThat(apiA.put("/v1/projects/current", Map.of("time_zone", ZONE)).status())
          .isEqualTo(200);
      String project = apiA.get("/v1/projects/current").json().get("id").asString();
      List<String> ids = insertCustomers(url, project, "an", recipients);
      Api.Response segment =
          apiA.post("/v1/segments", Map.of("name", "All", "type", "static", "customers", ids));
      assertThat(segment.status()).as(segment.text()).isEqualTo(200);
      String campaign =
          apiA.post(
                  "/v1/campaigns",
                  Map.of(
                      "name", "an-codes",
                      "campaign_type", "DISCOUNT_COUPONS",
                      "type", "AUTO_UPDATE",
                      "vouchers_count", 1,
                      "voucher",
                          Map.of(
                              "type",
                              "DISCOUNT_VOUCHER",
                              "discount",
                              Map.of("type", "PERCENT", "percent_off", 5))))
              .json()
              .get("id")
              .asString();
      Instant start = Instant.now().minus(Duration.ofHours(1));
      Api.Response created =
          apiA.post(
              "/v1/distributions",
              Map.of(
                  "name", "Ten thousand, measured across a kill",
                  "trigger", Map.of("type", "manual"),
                  "audience", Map.of("segment_id", segment.json().get("id").asString()),
                  "action", Map.of("type", "publish_code", "campaign_id", campaign),
                  "channels",
                      List.of(
                          Map.of(
                              "type",
                              "webhook",
                              "url",
                              receiver.url("/h").toString(),
                              "event_name",
                              "e"))));
      assertThat(created.status()).as(created.text()).isEqualTo(200);
      String distribution = created.json().get("id").asString();
      assertThat(apiA.post("/v1/distributions/" + distribution + "/send", null).status())
          .isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(180))
          .until(
              () ->
                  count(
                          url,
                          "select count(*) from message where owner_id = ? and status = 'DELIVERED'",
                          distribution)
                      >= 2000);
      holding.set(true);
      String nodeA = a.pid() + "@";
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () ->
                  count(
                          url,
                          "select count(*) from message where owner_id = ? and status = 'SENDING'"
                              + " and locked_by like '"
                              + nodeA
                              + "%'",
                          distribution)
                      > 0);
      a.kill();
      holding.set(false);
      released.countDown();
      long deliveredAtKill =
          count(
              url,
              "select count(*) from message where owner_id = ? and status = 'DELIVERED'",
              distribution);

      await()
          .atMost(Duration.ofSeconds(420)) // the manual send's task lease (2 min) runs out first
          .until(
              () ->
                  count(url, "select count(*) from message where owner_id = ?", distribution)
                          == recipients
                      && count(
                              url,
                              "select count(*) from message where owner_id = ? and status not in"
                                  + " ('DELIVERED', 'FAILED', 'SKIPPED')",
                              distribution)
                          == 0);
      assertThat(deliveredAtKill).as("killed mid-send").isLessThan(recipients - 1000);

      String range =
          "?granularity=%s&start_date="
              + start
              + "&end_date="
              + Instant.now().plus(Duration.ofHours(1));
      try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
        for (String granularity : List.of("hour", "day")) {
          Api.Response r =
              apiB.get(
                  "/v1/distributions/"
                      + distribution
                      + "/analytics"
                      + range.formatted(granularity));
          assertThat(r.status()).as(r.text()).isEqualTo(200);
          AnalyticsTruth.assertEquals(
              r.json(), AnalyticsTruth.series(c, distribution, ZONE, granularity));
        }
        Map<String, Long> totals =
            AnalyticsTruth.totals(AnalyticsTruth.series(c, distribution, ZONE, "day"));
        assertThat(totals.get("queued")).isEqualTo(recipients);
        assertThat(totals.get("failed")).isEqualTo(recipients / 50);
        assertThat(totals.get("delivered")).isEqualTo(recipients - recipients / 50);
        assertThat(totals.get("recovered")).as("recovered after a 503").isGreaterThan(800L);
        assertThat(
                AnalyticsTruth.scalar(
                    c,
                    "select count(*) from message_attempt a join message m on m.id = a.message_id"
                        + " where m.owner_id = ? and a.outcome = 'INTERRUPTED'",
                    distribution))
            .as("sends cut short by the kill")
            .isPositive();
        long published =
            AnalyticsTruth.scalar(
                c,
                "select count(*) from publication where metadata ->> 'distribution_id' = ?",
                distribution);
        assertThat(published).isEqualTo(recipients);
        await()
            .atMost(Duration.ofSeconds(120))
            .untilAsserted(
                () ->
                    assertThat(
                            apiB.get("/v1/campaigns/" + campaign + "/distributions")
                                .json()
                                .at("/distributions/0/codes_published")
                                .asLong())
                        .isEqualTo(published));
        JsonNode row =
            apiB.get("/v1/campaigns/" + campaign + "/distributions").json().at("/distributions/0");
        assertThat(row.get("messages_delivered").asLong()).isEqualTo(totals.get("delivered"));
      }
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void aStreamClientOnNodeBSeesNodeAsEventsInOrderAndResumesWithoutGaps() throws Exception {
    Map<String, String> env = env("analytics_nodes_sse");
    try (HeraldProcess a = HeraldProcess.start("sse-a", env);
        HeraldProcess b = HeraldProcess.start("sse-b", env)) {
      Api apiA = a.api("an-app", "an-token");
      Api apiB = b.api("an-app", "an-token");
      apiA.post("/v1/customers", Map.of("source_id", "watcher"));
      String path = "/v1/activity/stream?type=customer.custom_event";
      List<SseClient.SseEvent> seen = new ArrayList<>();
      String lastId;
      try (SseClient client = new SseClient(apiB, path, Map.of())) {
        assertThat(client.status()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
          track(apiA, i);
        }
        seen.addAll(take(client, 10));
        lastId = seen.get(seen.size() - 1).id();
      }
      // while disconnected, both nodes record more
      for (int i = 10; i < 20; i++) {
        track(i % 2 == 0 ? apiA : apiB, i);
      }
      try (SseClient resumed = new SseClient(apiB, path, Map.of("Last-Event-ID", lastId))) {
        assertThat(resumed.status()).isEqualTo(200);
        seen.addAll(take(resumed, 10));
        for (int i = 20; i < 25; i++) {
          track(apiA, i);
        }
        seen.addAll(take(resumed, 5));
        assertThat(resumed.next(Duration.ofSeconds(2))).as("nothing twice").isNull();
      }
      List<Integer> ticks = new ArrayList<>();
      for (SseClient.SseEvent e : seen) {
        ticks.add(Api.parse(e.data()).at("/data/event/metadata/i").asInt());
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        expected.add(i);
      }
      assertThat(ticks).containsExactlyElementsOf(expected);
    }
  }

  private static void track(Api api, int i) {
    Api.Response r =
        api.post(
            "/v1/events",
            Map.of(
                "event",
                "tick",
                "customer",
                Map.of("source_id", "watcher"),
                "metadata",
                Map.of("i", i)));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  private static List<SseClient.SseEvent> take(SseClient client, int n) throws Exception {
    List<SseClient.SseEvent> out = new ArrayList<>();
    while (out.size() < n) {
      SseClient.SseEvent e = client.next(Duration.ofSeconds(20));
      assertThat(e).as("event %d of %d", out.size() + 1, n).isNotNull();
      out.add(e);
    }
    return out;
  }
}
