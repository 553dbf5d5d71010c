package dev.herald.process;

import static dev.herald.support.ProcessDatabase.count;
import static dev.herald.support.ProcessDatabase.insertCustomers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldProcess;
import dev.herald.support.TestPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The engine's exactly-once claims under {@code kill -9}: the matcher killed mid-work and a manual
 * send of 10,000 customers killed mid-send both finish after a restart with exactly one message
 * (and one code) per recipient — no duplicates, no gaps.
 */
class EngineCrashIT {

  @StartStop final MockWebServer receiver = new MockWebServer();

  private Map<String, String> env(String database) {
    Map<String, String> env =
        HeraldProcess.env(TestPostgres.newDatabase(database), "crash-app", "crash-token");
    env.put("HERALD_MANUAL_DELAY", "PT1S");
    return env;
  }

  private void accept() {
    receiver.setDispatcher(Fixtures.answeringOk());
  }

  @Test
  void theMatcherKilledMidWorkLeavesNoDuplicatesAndNoGaps() throws Exception {
    accept();
    Map<String, String> env = env("engine_matcher_crash");
    String url = env.get("HERALD_DB_URL");
    Map<String, String> apiOnly = new HashMap<>(env);
    apiOnly.put("HERALD_ROLES", "api");
    int events = 1500;
    String distribution;
    try (HeraldProcess node = HeraldProcess.start("matcher-api", apiOnly)) {
      Api api = node.api("crash-app", "crash-token");
      String campaign =
          Fixtures.campaign(api, "crash-codes", "AUTO_UPDATE", 10).get("id").asString();
      distribution =
          api.post(
                  "/v1/distributions",
                  Map.of(
                      "name",
                      "Crash matcher",
                      "trigger",
                      Map.of("type", "customer.custom_event", "custom_event", "tick"),
                      "action",
                      Map.of("type", "publish_code", "campaign_id", campaign),
                      "channels",
                      List.of(
                          Map.of(
                              "type",
                              "webhook",
                              "url",
                              receiver.url("/h").toString(),
                              "event_name",
                              "e"))))
              .json()
              .get("id")
              .asString();
      assertThat(api.post("/v1/distributions/" + distribution + "/send", null).status())
          .isEqualTo(200);
      for (int i = 0; i < events; i++) {
        assertThat(
                api.post(
                        "/v1/events",
                        Map.of("event", "tick", "customer", Map.of("source_id", "c" + (i % 300))))
                    .status())
            .isEqualTo(200);
      }
      node.kill();
    }

    try (HeraldProcess worker = HeraldProcess.start("matcher-worker", env)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  count(url, "select count(*) from message where owner_id = ?", distribution)
                      > 200);
      worker.kill();
    }
    long partial = count(url, "select count(*) from message where owner_id = ?", distribution);
    assertThat(partial).isLessThan(events);

    try (HeraldProcess again = HeraldProcess.start("matcher-again", env)) {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  count(url, "select count(*) from message where owner_id = ?", distribution)
                      == events);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  count(url, "select count(*) from message where owner_id = ?", distribution)
                      == events);
      again.stop();
    }
    assertThat(
            count(
                url,
                "select count(distinct trigger_id) from message where owner_id = ?",
                distribution))
        .isEqualTo(events);
    assertThat(
            count(
                url,
                "select count(distinct voucher_code) from message where owner_id = ?",
                distribution))
        .isEqualTo(events);
    assertThat(
            count(
                url,
                "select count(*) from publication where metadata ->> 'distribution_id' = ?",
                distribution))
        .isEqualTo(events);
  }

  @Test
  void aManualSendOfTenThousandKilledMidSendCompletesExactlyOnce() throws Exception {
    accept();
    Map<String, String> env = env("engine_manual_crash");
    String url = env.get("HERALD_DB_URL");
    int recipients = 10_000;
    String distribution;
    try (HeraldProcess node = HeraldProcess.start("manual-1", env)) {
      Api api = node.api("crash-app", "crash-token");
      String project = api.get("/v1/projects/current").json().get("id").asString();
      List<String> ids = insertCustomers(url, project, "crash", recipients);
      Api.Response segment =
          api.post("/v1/segments", Map.of("name", "Everyone", "type", "static", "customers", ids));
      assertThat(segment.status()).as(segment.text()).isEqualTo(200);
      String campaign = Fixtures.campaign(api, "ten-k", "STATIC", recipients).get("id").asString();
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  api.get("/v1/campaigns/" + campaign)
                      .json()
                      .path("vouchers_generation_status")
                      .asString()
                      .equals("DONE"));
      distribution =
          api.post(
                  "/v1/distributions",
                  Map.of(
                      "name",
                      "Ten thousand",
                      "trigger",
                      Map.of("type", "manual"),
                      "audience",
                      Map.of("segment_id", segment.json().get("id").asString()),
                      "action",
                      Map.of("type", "publish_code", "campaign_id", campaign),
                      "channels",
                      List.of(
                          Map.of(
                              "type",
                              "webhook",
                              "url",
                              receiver.url("/h").toString(),
                              "event_name",
                              "e"))))
              .json()
              .get("id")
              .asString();
      assertThat(api.post("/v1/distributions/" + distribution + "/send", null).status())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  count(url, "select count(*) from message where owner_id = ?", distribution)
                      >= 2000);
      node.kill();
    }
    long partial = count(url, "select count(*) from message where owner_id = ?", distribution);
    assertThat(partial).as("killed mid-send").isBetween(2000L, (long) recipients - 1);

    try (HeraldProcess node = HeraldProcess.start("manual-2", env)) {
      Api api = node.api("crash-app", "crash-token");
      await()
          .atMost(Duration.ofSeconds(180))
          .until(
              () ->
                  api.get("/v1/distributions/" + distribution)
                      .json()
                      .get("status")
                      .asString()
                      .equals("SENT"));
      assertThat(api.get("/v1/distributions/" + distribution).json().at("/progress/done").asInt())
          .isEqualTo(recipients);
      node.stop();
    }
    assertThat(count(url, "select count(*) from message where owner_id = ?", distribution))
        .isEqualTo(recipients);
    assertThat(
            count(
                url,
                "select count(distinct customer_id) from message where owner_id = ?",
                distribution))
        .isEqualTo(recipients);
    assertThat(
            count(
                url,
                "select count(distinct voucher_code) from message where owner_id = ? and voucher_code is not null",
                distribution))
        .isEqualTo(recipients);
    assertThat(
            count(
                url,
                "select count(*) from publication where metadata ->> 'distribution_id' = ?",
                distribution))
        .isEqualTo(recipients);
  }
}
