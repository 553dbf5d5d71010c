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

  /** A static segment of {@code n} customers inserted straight into the tables; its id. */
  private String segmentOf(int n) {
    List<String> ids = insertCustomers(api, "range", n);
    String segment = staticSegment(api, ids.subList(0, 1));
    jdbc.sql(
            """
            insert into segment_member (segment_id, customer_id, project_id, entered_at)
            select :segment, id, :project, now() from unnest(cast(:ids as text[])) id
            on conflict do nothing
            """)
        .param("segment", segment)
        .param("project", projectOf(api).value())
        .param("ids", ids.toArray(String[]::new))
        .update();
    return segment;
  }

  private String manualToSegment(String segment) {
    campaign = Fixtures.campaign(api, "range-codes", "AUTO_UPDATE", 5).get("id").asString();
    return ok(api.post(
            "/v1/distributions",
            Fixtures.manual(
                "Large",
                Map.of("segment_id", segment),
                Map.of("type", "publish_code", "campaign_id", campaign),
                List.of(
                    Map.of("type", "webhook", "url", "https://example.com/h", "event_name", "e")))))
        .get("id")
        .asString();
  }

  @Test
  void aLargeSendGoesOutInRangesSideBySideEachRecipientOnceWithOneCodeEach() {
    int n = 3 * (int) ManualSends.RANGE_MIN - 1_000; // three ranges
    String id = manualToSegment(segmentOf(n));
    api.post("/v1/distributions/" + id + "/send", null);
    clock.advance(Duration.ofMinutes(10));
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(() -> assertThat(status(id)).isEqualTo("SENT"));

    Map<String, Object> counts =
        jdbc.sql(
                """
                select count(*) as messages, count(distinct customer_id) as customers,
                  count(distinct voucher_code) as codes,
                  (select count(*) from publication where metadata ->> 'distribution_id' = :id)
                    as publications
                from message where owner_id = :id
                """)
            .param("id", id)
            .query()
            .singleRow();
    assertThat(counts.values()).allSatisfy(c -> assertThat(((Number) c).longValue()).isEqualTo(n));
    JsonNode progress = api.get("/v1/distributions/" + id).json().get("progress");
    assertThat(progress.get("done").asInt()).isEqualTo(n);
    assertThat(progress.get("total").asInt()).isEqualTo(n);

    List<Map<String, Object>> ranges =
        jdbc.sql(
                """
                select part, after_id, up_to_id, done, finished_at,
                  (select min(m.created_at) from message m where m.owner_id = :id
                     and m.customer_id > coalesce(r.after_id, '')
                     and (r.up_to_id is null or m.customer_id <= r.up_to_id)) as first_at,
                  (select max(m.created_at) from message m where m.owner_id = :id
                     and m.customer_id > coalesce(r.after_id, '')
                     and (r.up_to_id is null or m.customer_id <= r.up_to_id)) as last_at
                from distribution_partition r where distribution_id = :id order by part
                """)
            .param("id", id)
            .query()
            .listOfRows();
    assertThat(ranges).hasSize(3);
    assertThat(ranges).allSatisfy(r -> assertThat(r.get("finished_at")).isNotNull());
    assertThat(ranges.stream().mapToLong(r -> ((Number) r.get("done")).longValue()).sum())
        .isEqualTo(n);
    assertThat(ranges.get(0).get("after_id")).isNull();
    assertThat(ranges.get(2).get("up_to_id")).isNull();
    assertThat(ranges.get(1).get("after_id")).isEqualTo(ranges.get(0).get("up_to_id"));
    assertThat(ranges.get(2).get("after_id")).isEqualTo(ranges.get(1).get("up_to_id"));
    assertThat((java.sql.Timestamp) ranges.get(1).get("first_at"))
        .as("the second range began before the first was done: side by side")
        .isBefore((java.sql.Timestamp) ranges.get(0).get("last_at"));
  }

  @Test
  void aSmallSegmentGoesAsOneRange() {
    String id = manualToSegment(segmentOf(7));
    api.post("/v1/distributions/" + id + "/send", null);
    clock.advance(Duration.ofMinutes(10));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(status(id)).isEqualTo("SENT"));
    assertThat(messages(id)).isEqualTo(7);
    assertThat(api.get("/v1/distributions/" + id).json().at("/progress/done").asInt()).isEqualTo(7);
    assertThat(
            jdbc.sql(
                    "select count(*) from distribution_partition where distribution_id = :id"
                        + " and after_id is null and up_to_id is null and done = 7")
                .param("id", id)
                .query(Integer.class)
                .single())
        .as("one range over the whole segment")
        .isEqualTo(1);
  }

  @Test
  void aSendBegunBeforeRangesGoesOnFromItsCursorAsOneRange() {
    String segment = segmentOf(10);
    List<String> members =
        jdbc.sql(
                "select customer_id from segment_member where segment_id = :s order by customer_id")
            .param("s", segment)
            .query(String.class)
            .list();
    String id = manualToSegment(segment);
    api.post("/v1/distributions/" + id + "/send", null);
    // as an earlier version left it: sending, four members done by the cursor, no ranges
    jdbc.sql(
            """
            update distribution set status = 'SENDING', audience_cursor = :cursor,
              audience_total = 10, audience_done = 4, sending_started_at = now()
            where id = :id
            """)
        .param("cursor", members.get(3))
        .param("id", id)
        .update();
    clock.advance(Duration.ofMinutes(10));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(status(id)).isEqualTo("SENT"));
    assertThat(
            jdbc.sql("select customer_id from message where owner_id = :id order by customer_id")
                .param("id", id)
                .query(String.class)
                .list())
        .as("only the members after the cursor")
        .isEqualTo(members.subList(4, 10));
    assertThat(api.get("/v1/distributions/" + id).json().at("/progress/done").asInt())
        .isEqualTo(10);
  }

  @Test
  void aLargeSendPausedMidwayStopsAndOnResumeFinishesEachRecipientOnce() {
    int n = 2 * (int) ManualSends.RANGE_MIN;
    String id = manualToSegment(segmentOf(n));
    api.post("/v1/distributions/" + id + "/send", null);
    clock.advance(Duration.ofMinutes(10));
    await().atMost(Duration.ofSeconds(60)).until(() -> messages(id) > 0);
    assertThat(api.post("/v1/distributions/" + id + "/pause", null).status()).isEqualTo(200);
    int atPause = messages(id);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(messages(id)).as("nothing is queued once the pause answered").isEqualTo(atPause);
    assertThat(status(id)).isEqualTo("PAUSED");

    assertThat(api.post("/v1/distributions/" + id + "/resume", null).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(() -> assertThat(status(id)).isEqualTo("SENT"));
    assertThat(messages(id)).isEqualTo(n);
    assertThat(
            jdbc.sql("select count(distinct customer_id) from message where owner_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single())
        .isEqualTo(n);
    assertThat(api.get("/v1/distributions/" + id).json().at("/progress/done").asInt()).isEqualTo(n);
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
