package dev.herald.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.analytics.AnalyticsTruth;
import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Analytics tab and the campaign view show the analytics roll-ups, and those equal the message
 * table: delivered ("sent"), failed and recovered per channel and local hour or day.
 */
class DashboardAnalyticsTest extends HeraldTest {

  static final String ZONE = "Asia/Kolkata"; // +05:30: local hours start at half past UTC hours
  static final int RECIPIENTS = 30;

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired DashboardUsers users;

  @Test
  void chartsAndCampaignTotalsEqualTheMessagesDeliveredFailedAndRecovered() throws Exception {
    Api api = newProject();
    assertThat(api.put("/v1/projects/current", Map.of("time_zone", ZONE)).status()).isEqualTo(200);
    String project = api.get("/v1/projects/current").json().get("id").asString();
    WebSession web = signIn(project);
    Set<String> failedOnce = failingReceiver();
    String segment = staticSegment(api, insertCustomers(api, "da", RECIPIENTS));
    String campaign =
        Fixtures.campaign(api, "dash-analytics", "STATIC", RECIPIENTS).get("id").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                api.get("/v1/campaigns/" + campaign)
                    .json()
                    .path("vouchers_generation_status")
                    .asString()
                    .equals("DONE"));
    String id =
        Fixtures.sendDistribution(
            api,
            Map.of(
                "name", "Measured on the dashboard",
                "trigger", Map.of("type", "manual"),
                "audience", Map.of("segment_id", segment),
                "action", Map.of("type", "publish_code", "campaign_id", campaign),
                "channels", List.of(Fixtures.webhook(receiver.url("/h").toString()))));
    clock.advance(Duration.ofMinutes(11));
    await().atMost(Duration.ofSeconds(60)).until(() -> count(id, null) == RECIPIENTS);
    await().atMost(Duration.ofSeconds(60)).until(() -> count(id, "'QUEUED', 'SENDING'") == 0);
    assertThat(failedOnce).isNotEmpty();
    // the retries are due an hour and a half later: the 503s recover in another local hour
    clock.advance(Duration.ofMinutes(90));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count(id, "'QUEUED', 'SENDING', 'RETRY_SCHEDULED'") == 0);

    try (Connection c = dataSource.getConnection()) {
      var hourly = AnalyticsTruth.series(c, id, ZONE, "hour");
      var daily = AnalyticsTruth.series(c, id, ZONE, "day");
      assertChartEquals(chart(web, id, "24h"), hourly, 24);
      assertChartEquals(chart(web, id, "7d"), daily, 7);
    }
    JsonNode day = chart(web, id, "24h");
    assertThat(total(day, "webhook sent")).isEqualTo(RECIPIENTS - 1);
    assertThat(total(day, "webhook failed")).isEqualTo(1); // recipient 7
    assertThat(total(day, "webhook recovered")).isEqualTo(3); // recipients 3, 13, 23
    assertThat(day.get("total_sent").asLong()).isEqualTo(RECIPIENTS - 1);
    await()
        .untilAsserted(
            () ->
                assertThat(chart(web, id, "7d").at("/codes/published").asLong())
                    .isEqualTo(RECIPIENTS));
    assertThat(web.open("/dashboard/campaigns/" + campaign).body())
        .contains(
            "<td class=\"num published\">" + RECIPIENTS + "</td>",
            "<td class=\"num delivered\">" + (RECIPIENTS - 1) + "</td>",
            "<td class=\"num rate\">0.0%</td>");
  }

  /** Every bucket of every series equals the message table's count for that local hour or day. */
  private static void assertChartEquals(
      JsonNode chart, Map<String, Map<Instant, Map<String, Long>>> truth, int buckets) {
    assertThat(chart.get("x")).hasSize(buckets);
    assertThat(truth).hasSize(1); // one webhook channel
    Map<Instant, Map<String, Long>> channel = truth.values().iterator().next();
    Map<String, String> kinds =
        Map.of(
            "webhook sent",
            "delivered",
            "webhook failed",
            "failed",
            "webhook recovered",
            "recovered");
    assertThat(chart.get("series")).hasSize(3);
    long seen = 0;
    for (JsonNode s : chart.get("series")) {
      String kind = kinds.get(s.get("label").asString());
      assertThat(kind).as(s.get("label").asString()).isNotNull();
      for (int i = 0; i < buckets; i++) {
        Instant bucket = Instant.ofEpochSecond(chart.get("x").get(i).asLong());
        long expected = channel.getOrDefault(bucket, Map.of()).getOrDefault(kind, 0L);
        assertThat(s.get("values").get(i).asLong()).as(kind + " at " + bucket).isEqualTo(expected);
        seen += expected;
      }
    }
    long all = 0;
    for (Map<String, Long> b : channel.values()) {
      all +=
          b.getOrDefault("delivered", 0L)
              + b.getOrDefault("failed", 0L)
              + b.getOrDefault("recovered", 0L);
    }
    assertThat(seen).as("every outcome falls in the chart's range").isEqualTo(all);
  }

  private static long total(JsonNode chart, String label) {
    for (JsonNode s : chart.get("series")) {
      if (s.get("label").asString().equals(label)) {
        return s.get("total").asLong();
      }
    }
    throw new AssertionError("no series " + label + " in " + chart);
  }

  private static JsonNode chart(WebSession web, String id, String range) {
    HttpResponse<String> r =
        web.get("/dashboard/distributions/" + id + "/analytics.json?range=" + range);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Api.parse(r.body());
  }

  private WebSession signIn(String project) {
    String email = "a-" + UUID.randomUUID() + "@example.com";
    users.create(new ProjectId(project), email, null, "correct horse battery");
    WebSession web = new WebSession("http://localhost:" + port);
    web.signIn(email, "correct horse battery");
    return web;
  }

  /** Recipient 7 gets a 400 every time (failed), 3, 13 and 23 a 503 first (recovered). */
  private Set<String> failingReceiver() {
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            JsonNode body = Api.parse(request.getBody().utf8());
            String source = body.at("/data/customer/source_id").asString("");
            if (!source.startsWith("da-")) {
              return new MockResponse.Builder().code(200).build(); // another test's retry
            }
            int i = Integer.parseInt(source.substring(3));
            if (i == 7) {
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

  /** The distribution's messages, all or in the given statuses. */
  private long count(String distribution, String statuses) {
    return jdbc.sql(
            "select count(*) from message where owner_id = ?"
                + (statuses == null ? "" : " and status in (" + statuses + ")"))
        .param(distribution)
        .query(Long.class)
        .single();
  }
}
