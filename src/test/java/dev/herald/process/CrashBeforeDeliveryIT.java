package dev.herald.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.HeraldProcess;
import dev.herald.support.TestPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nothing is lost after the API answered 2xx: events accepted by a node that is then killed with
 * {@code kill -9} before delivering them are delivered exactly once after a restart.
 */
class CrashBeforeDeliveryIT {

  @StartStop final MockWebServer receiver = new MockWebServer();

  @Test
  void eventsAcceptedBeforeAKillAreDeliveredOnceAfterRestart() {
    List<String> received = new CopyOnWriteArrayList<>();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.add(request.getHeaders().get("webhook-id"));
            return new MockResponse.Builder().code(200).build();
          }
        });
    Map<String, String> env =
        HeraldProcess.env(TestPostgres.newDatabase("crash_delivery"), "crash-app", "crash-token");

    // A node that serves the API but runs no workers: the events are accepted, nothing is sent.
    Map<String, String> apiOnly = new HashMap<>(env);
    apiOnly.put("HERALD_ROLES", "api");
    int events = 20;
    try (HeraldProcess node = HeraldProcess.start("crash-api-only", apiOnly)) {
      Api api = node.api("crash-app", "crash-token");
      String distribution =
          api.post(
                  "/v1/distributions",
                  Map.of(
                      "name", "Crash test",
                      "trigger", Map.of("type", "customer.custom_event", "custom_event", "ordered"),
                      "action", Map.of("type", "plain_message"),
                      "channels",
                          List.of(
                              Map.of(
                                  "type",
                                  "webhook",
                                  "url",
                                  receiver.url("/in").toString(),
                                  "event_name",
                                  "ordered"))))
              .json()
              .get("id")
              .asString();
      assertThat(api.post("/v1/distributions/" + distribution + "/send", null).status())
          .isEqualTo(200);
      for (int i = 0; i < events; i++) {
        Api.Response r =
            api.post(
                "/v1/events", Map.of("event", "ordered", "customer", Map.of("source_id", "c" + i)));
        assertThat(r.status()).isEqualTo(200);
      }
      node.kill();
    }
    assertThat(received).isEmpty();

    try (HeraldProcess node = HeraldProcess.start("crash-restarted", env)) {
      Api api = node.api("crash-app", "crash-token");
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= events);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(() -> received.size() == events);

      Set<String> unique = new HashSet<>(received);
      assertThat(unique).hasSize(events);
      String distribution =
          api.get("/v1/distributions").json().at("/distributions/0/id").asString();
      JsonNode messages =
          api.get("/v1/distributions/" + distribution + "/messages?limit=100")
              .json()
              .get("messages");
      assertThat(messages.size()).isEqualTo(events);
      messages.forEach(
          m -> {
            assertThat(m.get("status").asString()).isEqualTo("DELIVERED");
            assertThat(m.get("attempts").asInt()).isEqualTo(1);
          });
      node.stop();
    }
  }
}
