package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.shared.Times;
import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AutomaticDistributionsTest extends HeraldTest {

  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  private String live(String event, Map<String, Object> timeFrame) {
    var body =
        new java.util.HashMap<String, Object>(
            Map.of(
                "name", "Framed",
                "trigger", Map.of("type", "customer.custom_event", "custom_event", event),
                "action", Map.of("type", "plain_message"),
                "channels",
                    List.of(
                        Map.of(
                            "type",
                            "webhook",
                            "url",
                            "https://example.com/h",
                            "event_name",
                            "e"))));
    if (timeFrame != null) {
      body.put("time_frame", timeFrame);
    }
    String id = api.post("/v1/distributions", body).json().get("id").asString();
    assertThat(api.post("/v1/distributions/" + id + "/send", null).status()).isEqualTo(200);
    return id;
  }

  private int messages(String id) {
    return api.get("/v1/distributions/" + id + "/messages?limit=100").json().get("messages").size();
  }

  private void track(String event, String customer) {
    api.post("/v1/events", Map.of("event", event, "customer", Map.of("source_id", customer)));
  }

  @Test
  void eventsBeforeTheTimeFrameStartsDoNotFire() {
    String start = Times.format(clock.instant().plus(Duration.ofHours(1)));
    String id = live("framed_start", Map.of("start_at", start));

    track("framed_start", "early");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> messages(id) == 0);

    clock.advance(Duration.ofHours(1));
    track("framed_start", "on-time");
    await().untilAsserted(() -> assertThat(messages(id)).isEqualTo(1));
  }

  @Test
  void afterTheTimeFrameEndsItIsFinishedAndFiresNoMore() {
    String end = Times.format(clock.instant().plus(Duration.ofHours(1)));
    String id = live("framed_end", Map.of("end_at", end));
    track("framed_end", "inside");
    await().untilAsserted(() -> assertThat(messages(id)).isEqualTo(1));

    clock.advance(Duration.ofHours(2));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.get("/v1/distributions/" + id).json().get("status").asString())
                    .isEqualTo("FINISHED"));
    track("framed_end", "outside");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> messages(id) == 1);
    assertThat(api.post("/v1/distributions/" + id + "/resume", null).status()).isEqualTo(409);
  }

  @Test
  void statusChangesAndQueuedMessagesAreFactsInTheEventLog() {
    String id = live("logged", null);
    api.post("/v1/distributions/" + id + "/pause", null);
    api.post("/v1/distributions/" + id + "/resume", null);
    track("logged", "watcher");
    await().untilAsserted(() -> assertThat(messages(id)).isEqualTo(1));

    JsonNode activity = api.get("/v1/customers/watcher/activity").json().get("data");
    assertThat(activity.findValuesAsString("type"))
        .contains("distribution.messages.queued", "customer.custom_event");
    // the delivery's own activity (customer.webhook.*) may come after it
    JsonNode queued = null;
    for (JsonNode item : activity) {
      if (item.get("type").asString().equals("distribution.messages.queued")) {
        queued = item;
      }
    }
    assertThat(queued).isNotNull();
    assertThat(queued.at("/data/distribution/id").asString()).isEqualTo(id);
    assertThat(queued.at("/data/queued").asInt()).isEqualTo(1);
  }
}
