package dev.herald.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Large distributions are counted in the background; their pages show the last count. */
class DistributionStatsTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired DistributionStats stats;

  @AfterEach
  void restore() {
    stats.inlineLimit(DistributionStats.INLINE_LIMIT);
  }

  @Test
  void aLargeDistributionShowsItsLastBackgroundCountAndRefreshesItWhenStale() {
    for (int i = 0; i < 3; i++) {
      receiver.enqueue(new MockResponse.Builder().code(200).build());
    }
    Api api = newProject();
    ProjectId project = new ProjectId(api.get("/v1/projects/current").json().get("id").asString());
    String campaign = Fixtures.campaign(api, "Big", "AUTO_UPDATE", 0).get("id").asString();
    String id =
        Fixtures.sendDistribution(
            api,
            Fixtures.automatic(
                "Big one",
                Map.of("type", "customer.order.paid"),
                Map.of("type", "publish_code", "campaign_id", campaign),
                List.of(Fixtures.webhook(receiver.url("/hook").toString()))));
    pay(api, "o1", "first");
    await()
        .until(
            () ->
                stats.chart(project, id, "7d", ZoneOffset.UTC).data().path("total_sent").asLong()
                    == 1);

    stats.inlineLimit(0); // every distribution is "large" now
    DistributionStats.Numbers first = stats.chart(project, id, "7d", ZoneOffset.UTC);
    assertThat(first.stale()).isTrue();
    assertThat(first.data().path("computing").asBoolean()).isTrue();
    await()
        .untilAsserted(
            () -> {
              DistributionStats.Numbers n = stats.chart(project, id, "7d", ZoneOffset.UTC);
              assertThat(n.stale()).isFalse();
              assertThat(n.data().path("total_sent").asLong()).isEqualTo(1);
              assertThat(n.data().at("/codes/published").asLong()).isEqualTo(1);
            });

    pay(api, "o2", "second");
    await()
        .until(
            () ->
                api
                        .get("/v1/distributions/" + id + "/messages")
                        .json()
                        .findValues("status")
                        .stream()
                        .filter(s -> s.asString().equals("DELIVERED"))
                        .count()
                    == 2);
    // still fresh: the last count is shown as it is
    assertThat(stats.chart(project, id, "7d", ZoneOffset.UTC).data().path("total_sent").asLong())
        .isEqualTo(1);
    clock.advance(Duration.ofSeconds(11));
    DistributionStats.Numbers stale = stats.chart(project, id, "7d", ZoneOffset.UTC);
    assertThat(stale.stale()).isTrue();
    assertThat(stale.data().path("total_sent").asLong()).isEqualTo(1);
    await()
        .untilAsserted(
            () -> {
              DistributionStats.Numbers n = stats.chart(project, id, "7d", ZoneOffset.UTC);
              assertThat(n.stale()).isFalse();
              assertThat(n.data().path("total_sent").asLong()).isEqualTo(2);
            });
    await()
        .untilAsserted(
            () -> {
              DistributionStats.Numbers n = stats.totals(project, id);
              assertThat(n.stale()).isFalse();
              assertThat(n.data().path("delivered").asLong()).isEqualTo(2);
              assertThat(n.data().at("/codes/published").asLong()).isEqualTo(2);
            });
  }

  private static void pay(Api api, String order, String customer) {
    Api.Response paid =
        api.post(
            "/v1/orders",
            Map.of(
                "source_id",
                order,
                "status",
                "PAID",
                "amount",
                100,
                "customer",
                Map.of("source_id", customer)));
    assertThat(paid.status()).as(paid.text()).isEqualTo(200);
  }
}
