package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ManualSendsTest extends HeraldTest {

  @Autowired JdbcClient jdbc;
  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  private String campaign;

  private String manualTo(String customer) {
    if (campaign == null) {
      campaign = Fixtures.campaign(api, "manual-codes", "AUTO_UPDATE", 5).get("id").asString();
    }
    return api.post(
            "/v1/distributions",
            Map.of(
                "name", "One-off",
                "trigger", Map.of("type", "manual"),
                "audience", Map.of("customer", customer),
                "action", Map.of("type", "publish_code", "campaign_id", campaign),
                "channels",
                    List.of(
                        Map.of(
                            "type", "webhook", "url", "https://example.com/h", "event_name", "e"))))
        .json()
        .get("id")
        .asString();
  }

  private int messages(String distribution) {
    return jdbc.sql("select count(*) from message where owner_id = :id")
        .param("id", distribution)
        .query(Integer.class)
        .single();
  }

  private String status(String distribution) {
    return api.get("/v1/distributions/" + distribution).json().get("status").asString();
  }

  @Test
  void saveAndSendSchedulesTenMinutesAheadAndCanBeEditedOrCanceledUntilThen() {
    api.post("/v1/customers", Map.of("source_id", "m1"));
    String id = manualTo("m1");

    JsonNode scheduled = api.post("/v1/distributions/" + id + "/send", null).json();
    assertThat(scheduled.get("status").asString()).isEqualTo("SCHEDULED");
    Instant sendAt = Instant.parse(scheduled.get("send_at").asString());
    assertThat(Duration.between(clock.instant(), sendAt))
        .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));

    assertThat(api.put("/v1/distributions/" + id, Map.of("name", "Edited in the window")).status())
        .isEqualTo(200);
    JsonNode canceled = api.post("/v1/distributions/" + id + "/cancel", null).json();
    assertThat(canceled.get("status").asString()).isEqualTo("CANCELED");
    assertThat(api.post("/v1/distributions/" + id + "/cancel", null).json().get("key").asString())
        .isEqualTo("too_late");

    clock.advance(Duration.ofMinutes(11));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> messages(id) == 0);
    assertThat(status(id)).isEqualTo("CANCELED");
  }

  @Test
  void atSendTimeItSendsAndThenItIsTooLateToCancelOrEdit() {
    api.post("/v1/customers", Map.of("source_id", "m2"));
    String id = manualTo("m2");
    api.post("/v1/distributions/" + id + "/send", null);

    clock.advance(Duration.ofMinutes(10));
    await().untilAsserted(() -> assertThat(status(id)).isEqualTo("SENT"));

    assertThat(messages(id)).isEqualTo(1);
    Api.Response late = api.post("/v1/distributions/" + id + "/cancel", null);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().get("key").asString()).isEqualTo("too_late");
    assertThat(api.put("/v1/distributions/" + id, Map.of("name", "late")).status()).isEqualTo(409);
    JsonNode progress = api.get("/v1/distributions/" + id).json().get("progress");
    assertThat(progress.get("done").asInt()).isEqualTo(1);
    assertThat(progress.get("finished_at").isNull()).isFalse();
  }

  @Test
  void anAutomaticDistributionCannotBeCanceledAndAManualOneNeedsAnAudience() {
    String id =
        api.post(
                "/v1/distributions",
                Map.of(
                    "name",
                    "No audience",
                    "trigger",
                    Map.of("type", "manual"),
                    "action",
                    Map.of("type", "publish_code", "campaign_id", "c"),
                    "channels",
                    List.of(
                        Map.of(
                            "type", "webhook", "url", "https://example.com/h", "event_name", "e"))))
            .json()
            .get("id")
            .asString();
    assertThat(api.post("/v1/distributions/" + id + "/send", null).json().get("details").asString())
        .contains("audience");
    assertThat(
            api.post(
                    "/v1/distributions",
                    Map.of("audience", Map.of("customer", "a", "segment_id", "seg_b")))
                .status())
        .isEqualTo(400);
  }

  @Test
  void aCancelRacingTheSendStartEitherWinsOrIsTooLateNeverBoth() {
    api.post("/v1/customers", Map.of("source_id", "racer"));
    int trials = 1000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      String id = manualTo("racer");
      api.post("/v1/distributions/" + id + "/send", null);
      ids.add(id);
    }
    Collections.shuffle(ids);
    clock.advance(Duration.ofMinutes(10));

    Map<String, Integer> cancelStatus = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> cancels = new ArrayList<>();
    for (List<String> slice :
        List.of(ids.subList(0, trials / 2), ids.subList(trials / 2, trials))) {
      cancels.add(
          CompletableFuture.runAsync(
              () ->
                  slice.forEach(
                      id ->
                          cancelStatus.put(
                              id,
                              api.post("/v1/distributions/" + id + "/cancel", null).status()))));
    }
    cancels.forEach(CompletableFuture::join);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql(
                                "select count(*) from distribution where id in (:ids) and status not in ('SENT','CANCELED')")
                            .param("ids", ids)
                            .query(Integer.class)
                            .single())
                    .isZero());

    int won = 0;
    int late = 0;
    for (String id : ids) {
      String finalStatus =
          jdbc.sql("select status from distribution where id = :id")
              .param("id", id)
              .query(String.class)
              .single();
      int sent = messages(id);
      if (cancelStatus.get(id) == 200) {
        won++;
        assertThat(finalStatus).as(id).isEqualTo("CANCELED");
        assertThat(sent).as("a canceled send sent nothing").isZero();
      } else {
        late++;
        assertThat(cancelStatus.get(id)).isEqualTo(409);
        assertThat(finalStatus).as(id).isEqualTo("SENT");
        assertThat(sent).isEqualTo(1);
      }
    }
    assertThat(won + late).isEqualTo(trials);
  }
}
