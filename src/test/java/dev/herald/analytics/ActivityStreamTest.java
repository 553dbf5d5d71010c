package dev.herald.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import dev.herald.support.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ActivityStreamTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();

  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
    receiver.setDispatcher(Fixtures.answeringOk());
  }

  private void track(int i) {
    api.post(
        "/v1/events",
        Map.of("event", "tick", "customer", Map.of("source_id", "s"), "metadata", Map.of("i", i)));
  }

  private List<SseClient.SseEvent> take(SseClient client, int n) throws Exception {
    List<SseClient.SseEvent> out = new ArrayList<>();
    while (out.size() < n) {
      SseClient.SseEvent e = client.next(Duration.ofSeconds(10));
      assertThat(e).as("event %d of %d", out.size() + 1, n).isNotNull();
      out.add(e);
    }
    return out;
  }

  private static int tick(SseClient.SseEvent e) {
    return Api.parse(e.data()).at("/data/event/metadata/i").asInt();
  }

  @Test
  void streamsNewEventsInOrderAndResumesAfterADisconnectWithoutGaps() throws Exception {
    api.post("/v1/customers", Map.of("source_id", "s"));
    List<SseClient.SseEvent> seen = new ArrayList<>();
    String lastId;
    try (SseClient client =
        new SseClient(api, "/v1/activity/stream?type=customer.custom_event", Map.of())) {
      assertThat(client.status()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        track(i);
      }
      seen.addAll(take(client, 3));
      lastId = seen.get(2).id();
    }
    for (int i = 3; i < 8; i++) {
      track(i);
    }
    try (SseClient resumed =
        new SseClient(
            api,
            "/v1/activity/stream?type=customer.custom_event",
            Map.of("Last-Event-ID", lastId))) {
      seen.addAll(take(resumed, 5));
      assertThat(resumed.next(Duration.ofMillis(1500))).as("no duplicates after the end").isNull();
    }

    assertThat(seen.stream().map(ActivityStreamTest::tick).toList())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(seen).allSatisfy(e -> assertThat(e.name()).isEqualTo("customer.custom_event"));
    JsonNode first = Api.parse(seen.get(0).data());
    assertThat(first.get("object").asString()).isEqualTo("activity");
    assertThat(first.get("customer_id").asString()).startsWith("cust_");
  }

  @Test
  void aDistributionsStreamCarriesItsOwnFactsOnly() throws Exception {
    String id =
        api.post(
                "/v1/distributions",
                Map.of(
                    "name", "Streamed",
                    "trigger", Map.of("type", "customer.custom_event", "custom_event", "tick"),
                    "action", Map.of("type", "plain_message"),
                    "channels", List.of(Fixtures.webhook(receiver.url("/h").toString()))))
            .json()
            .get("id")
            .asString();
    try (SseClient client =
        new SseClient(api, "/v1/distributions/" + id + "/activity/stream", Map.of())) {
      assertThat(client.status()).isEqualTo(200);
      api.post("/v1/distributions/" + id + "/send", null);
      track(1);
      List<SseClient.SseEvent> events = take(client, 2);
      assertThat(events.get(0).name()).isEqualTo("distribution.live");
      assertThat(events.get(1).name()).isEqualTo("distribution.messages.queued");
    }

    // the message's delivery is the distribution's fact too: wait for it, then see all of them
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> api.get("/v1/distributions/" + id + "/activity").json().get("data").size() == 3);
    JsonNode page = api.get("/v1/distributions/" + id + "/activity").json();
    assertThat(page.get("data").findValuesAsString("type"))
        .containsExactly(
            "customer.webhook.sent", "distribution.messages.queued", "distribution.live");
    assertThat(
            api.get("/v1/distributions/" + id + "/activity?type=distribution.live")
                .json()
                .get("data")
                .size())
        .isEqualTo(1);
  }

  @Test
  void aBadResumePositionIs400AndAnotherProjectsDistributionIs404() throws Exception {
    assertThat(
            api.send("GET", "/v1/activity/stream", null, Map.of("Last-Event-ID", "nonsense"))
                .status())
        .isEqualTo(400);
    assertThat(newProject().get("/v1/distributions/distr_nope/activity").status()).isEqualTo(404);
  }
}
