package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A webhook that exhausts its retries pauses its channel: the distribution stays LIVE, its other
 * channels keep sending, new webhook messages wait as HELD, and "set live" releases them in order.
 */
class WebhookPauseTest extends HeraldTest {

  private static final List<Duration> VOUCHERIFY =
      List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1440).stream()
          .map(Duration::ofMinutes)
          .toList();

  @StartStop final MockWebServer receiver = new MockWebServer();

  @Test
  void exhaustedRetriesPauseTheChannelHoldNewMessagesAndResumeReleasesThemInOrder() {
    AtomicInteger healthy = new AtomicInteger();
    List<String> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (healthy.get() == 1) {
              arrived.add(
                  dev.herald.support.Api.parse(request.getBody().utf8())
                      .at("/data/customer/source_id")
                      .asString());
            }
            return new MockResponse.Builder().code(healthy.get() == 1 ? 200 : 503).build();
          }
        });
    DeliveryFixture f = new DeliveryFixture(newProject(), projects);
    String d =
        f.live(
            "flaky",
            List.of(
                Map.of(
                    "type",
                    "webhook",
                    "url",
                    receiver.url("/hook").toString(),
                    "event_name",
                    "hooked",
                    "rate_limit",
                    1),
                DeliveryFixture.sms("Hi {{customer.name}}")));
    f.track("flaky", DeliveryFixture.customer("first", null, "+14155550110"));
    f.awaitOnly(d, "sms", "DELIVERED");

    Ladders.walk(f, d, "webhook", VOUCHERIFY, clock);
    JsonNode failed = f.awaitOnly(d, "webhook", "FAILED");
    assertThat(failed.get("reason").asString()).isEqualTo("retries_exhausted");
    assertThat(failed.get("attempts").asInt()).isEqualTo(13);

    JsonNode distribution = f.api.get("/v1/distributions/" + d).json();
    assertThat(distribution.get("status").asString()).isEqualTo("LIVE");
    assertThat(distribution.at("/channels/0/status").asString()).isEqualTo("PAUSED");
    assertThat(distribution.at("/channels/1/status").asString()).isEqualTo("ACTIVE");

    healthy.set(1);
    int requests = receiver.getRequestCount();
    for (String who : List.of("second", "third", "fourth")) {
      f.track("flaky", DeliveryFixture.customer(who, null, "+1415555011" + who.length()));
      clock.advance(Duration.ofMillis(5)); // distinct creation times
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              List<JsonNode> ms = f.messages(d);
              assertThat(ms.stream().filter(m -> m.get("channel").asString().equals("sms")))
                  .hasSize(4)
                  .allSatisfy(m -> assertThat(m.get("status").asString()).isEqualTo("DELIVERED"));
              assertThat(
                      ms.stream()
                          .filter(
                              m ->
                                  m.get("channel").asString().equals("webhook")
                                      && m.get("status").asString().equals("HELD")))
                  .hasSize(3);
            });
    await().during(Duration.ofMillis(700)).until(() -> receiver.getRequestCount() == requests);

    JsonNode resumed = f.api.post("/v1/distributions/" + d + "/resume", null).json();
    assertThat(resumed.get("status").asString()).isEqualTo("LIVE");
    assertThat(resumed.at("/channels/0/status").asString()).isEqualTo("ACTIVE");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        f.messages(d).stream()
                            .filter(
                                m ->
                                    m.get("channel").asString().equals("webhook")
                                        && m.get("status").asString().equals("DELIVERED")))
                    .hasSize(3));
    assertThat(receiver.getRequestCount()).isEqualTo(requests + 3);
    assertThat(webhook(f, d, "first").get("status").asString())
        .as("a failed message stays failed")
        .isEqualTo("FAILED");

    // released in the order they were queued (the channel's rate limit of 1/s spaces them out, so
    // their arrival shows the order)
    Map<String, String> sourceIds = new java.util.HashMap<>();
    for (String who : List.of("second", "third", "fourth")) {
      sourceIds.put(f.api.get("/v1/customers/" + who).json().get("id").asString(), who);
    }
    List<String> queued =
        f.messages(d).stream()
            .filter(
                m ->
                    m.get("channel").asString().equals("webhook")
                        && sourceIds.containsKey(m.get("customer_id").asString()))
            .sorted(
                java.util.Comparator.comparing((JsonNode m) -> m.get("created_at").asString())
                    .thenComparing(m -> m.get("id").asString()))
            .map(m -> sourceIds.get(m.get("customer_id").asString()))
            .toList();
    assertThat(arrived).containsExactlyElementsOf(queued);
  }

  private static JsonNode webhook(DeliveryFixture f, String d, String customer) {
    String customerId = f.api.get("/v1/customers/" + customer).json().get("id").asString();
    return f.messages(d).stream()
        .filter(
            m ->
                m.get("channel").asString().equals("webhook")
                    && m.get("customer_id").asString().equals(customerId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no webhook message for " + customer));
  }
}
