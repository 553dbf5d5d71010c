package dev.herald.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * A batch of events handled in one transaction attributes its codes together: a code published
 * twice counts once, and a code redeemed in the same batch as its publication counts as redeemed.
 */
class CodeAttributionBatchTest extends HeraldTest {

  @Autowired EventLog eventLog;
  @Autowired Projects projects;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;

  private static ObjectNode published(String voucher, String distribution, String campaign) {
    ObjectNode data = Json.object();
    data.set("voucher", Json.object().put("id", voucher).put("campaign_id", campaign));
    ObjectNode publication = Json.object().put("created_at", "2026-11-20T10:15:00.000Z");
    publication.set("metadata", Json.object().put("distribution_id", distribution));
    data.set("publication", publication);
    data.set("campaign", Json.object().put("id", campaign));
    return data;
  }

  private static ObjectNode redeemed(String voucher) {
    ObjectNode data = Json.object();
    data.set("voucher", Json.object().put("id", voucher));
    data.set("redemption", Json.object().put("date", "2026-11-21T08:00:00.000Z"));
    return data;
  }

  private long[] totals(String distribution) {
    return jdbc.sql(
            "select coalesce(sum(published), 0), coalesce(sum(redeemed), 0)"
                + " from analytics_code_total where distribution_id = :d")
        .param("d", distribution)
        .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .single();
  }

  @Test
  void aBatchCountsEachCodeOnceAndItsRedemptionWhateverTheOrder() {
    Api api = newProject();
    ProjectId project = projects.authenticate(api.appId(), api.appToken()).orElseThrow();
    String campaign = Fixtures.campaign(api, "batched", "STATIC", 2).get("id").asString();
    Api.Response created =
        api.post(
            "/v1/distributions",
            Map.of(
                "name",
                "Codes",
                "trigger",
                Map.of("type", "manual"),
                "action",
                Map.of("type", "publish_code", "campaign_id", campaign)));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String d = created.json().get("id").asString();

    tx.executeWithoutResult(
        s ->
            eventLog.appendAll(
                List.of(
                    NewEvent.of(
                        project,
                        "customer.publication.succeeded",
                        null,
                        published("v_a", d, campaign)),
                    NewEvent.of(project, "customer.redemption.succeeded", null, redeemed("v_a")),
                    NewEvent.of(
                        project,
                        "customer.publication.succeeded",
                        null,
                        published("v_a", d, campaign)),
                    NewEvent.of(
                        project,
                        "customer.publication.succeeded",
                        null,
                        published("v_b", d, campaign)))));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(totals(d)).containsExactly(2, 1));
    assertThat(
            jdbc.sql(
                    "select sum(published), sum(redeemed) from analytics_code_bucket"
                        + " where distribution_id = :d")
                .param("d", d)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single())
        .containsExactly(2, 1);
    assertThat(
            jdbc.sql(
                    "select count(distinct xmin::text) from analytics_code"
                        + " where voucher_id in ('v_a', 'v_b')")
                .query(Long.class)
                .single())
        .as("both codes attributed by the batch's one transaction, not by a retry event by event")
        .isEqualTo(1);

    // published again in a later batch: still counted once
    tx.executeWithoutResult(
        s ->
            eventLog.append(
                NewEvent.of(
                    project,
                    "customer.publication.succeeded",
                    null,
                    published("v_b", d, campaign))));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(totals(d)).containsExactly(2, 1));
  }
}
