package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SendPolicyTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private DeliveryFixture f;

  @BeforeEach
  void project() {
    f = new DeliveryFixture(newProject(), projects);
    receiver.setDispatcher(Fixtures.answeringOk());
  }

  private long count(String d, String status) {
    return f.messages(d).stream().filter(m -> m.get("status").asString().equals(status)).count();
  }

  @Test
  void theDailyLimitCountsEachChannelAndSkipsWhatIsOverIt() {
    assertThat(
            f.api
                .put("/v1/projects/current", Map.of("limits", Map.of("messages_per_day", 3)))
                .status())
        .isEqualTo(200);
    String d =
        f.live(
            "limited",
            List.of(
                DeliveryFixture.webhook(receiver.url("/l").toString()), DeliveryFixture.sms("Hi")));
    f.track("limited", DeliveryFixture.customer("l1", null, "+14155550120"));
    await().untilAsserted(() -> assertThat(count(d, "DELIVERED")).isEqualTo(2));
    f.track("limited", DeliveryFixture.customer("l2", null, "+14155550121"));
    await()
        .untilAsserted(
            () -> {
              assertThat(count(d, "DELIVERED")).isEqualTo(3);
              assertThat(count(d, "SKIPPED")).isEqualTo(1);
            });
    JsonNode skipped =
        f.messages(d).stream()
            .filter(m -> m.get("status").asString().equals("SKIPPED"))
            .findFirst()
            .orElseThrow();
    assertThat(skipped.get("reason").asString()).isEqualTo("message_limit");

    clock.advance(Duration.ofDays(1));
    f.track("limited", DeliveryFixture.customer("l3", null, "+14155550122"));
    await()
        .untilAsserted(
            () -> assertThat(count(d, "DELIVERED")).as("a new day, a new allowance").isEqualTo(5));
  }

  @Test
  void theMonthlyLimitHoldsAcrossDays() {
    f.api.put("/v1/projects/current", Map.of("limits", Map.of("messages_per_month", 2)));
    String d = f.live("monthly", List.of(DeliveryFixture.webhook(receiver.url("/m").toString())));
    for (int i = 0; i < 3; i++) {
      f.track("monthly", DeliveryFixture.customer("m" + i, null, null));
      int sent = Math.min(i + 1, 2);
      int over = i + 1 - sent;
      await()
          .untilAsserted(
              () -> {
                assertThat(count(d, "DELIVERED")).isEqualTo(sent);
                assertThat(count(d, "SKIPPED")).isEqualTo(over);
              });
    }
  }

  @Test
  void aRetryDoesNotCountAgain() {
    f.api.put("/v1/projects/current", Map.of("limits", Map.of("messages_per_day", 1)));
    receiver.setDispatcher(
        new Dispatcher() {
          int n;

          @Override
          public synchronized MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(n++ == 0 ? 500 : 200).build();
          }
        });
    String d = f.live("retried", List.of(DeliveryFixture.webhook(receiver.url("/r").toString())));
    f.track("retried", DeliveryFixture.customer("r1", null, null));
    f.awaitOnly(d, "webhook", "RETRY_SCHEDULED");
    assertThat(
            jdbc.sql("select counted from message where owner_id = :d")
                .param("d", d)
                .query(Boolean.class)
                .single())
        .as("counted on its first send")
        .isTrue();
    clock.advance(Duration.ofMinutes(2));
    assertThat(f.awaitOnly(d, "webhook", "DELIVERED").get("recovered").asBoolean()).isTrue();
  }

  @Test
  void retryAfterIsHonouredAndBoundedToADay() {
    receiver.setDispatcher(
        new Dispatcher() {
          int n;

          @Override
          public synchronized MockResponse dispatch(RecordedRequest request) {
            n++;
            if (n == 1) {
              return new MockResponse.Builder().code(429).addHeader("Retry-After", "600").build();
            }
            if (n == 2) {
              return new MockResponse.Builder()
                  .code(503)
                  .addHeader("Retry-After", "9999999")
                  .build();
            }
            return new MockResponse.Builder().code(200).build();
          }
        });
    String d = f.live("slowdown", List.of(DeliveryFixture.webhook(receiver.url("/s").toString())));
    f.track("slowdown", DeliveryFixture.customer("s1", null, null));
    JsonNode first = f.awaitOnly(d, "webhook", "RETRY_SCHEDULED");
    assertThat(gap(first, 0)).isBetween(Duration.ofSeconds(599), Duration.ofSeconds(602));
    clock.advance(Duration.ofMinutes(9));
    await()
        .during(Duration.ofMillis(700))
        .untilAsserted(
            () ->
                assertThat(f.awaitOnly(d, "webhook", "RETRY_SCHEDULED").get("attempts").asInt())
                    .isEqualTo(1));
    clock.advance(Duration.ofMinutes(1).plusSeconds(2));
    await()
        .untilAsserted(
            () ->
                assertThat(f.awaitOnly(d, "webhook", "RETRY_SCHEDULED").get("attempts").asInt())
                    .isEqualTo(2));
    JsonNode second = f.awaitOnly(d, "webhook", "RETRY_SCHEDULED");
    assertThat(gap(second, 1))
        .as("Retry-After is capped at 24 h")
        .isBetween(Duration.ofHours(24).minusSeconds(2), Duration.ofHours(24).plusSeconds(2));
    clock.advance(Duration.ofHours(24).plusSeconds(5));
    assertThat(f.awaitOnly(d, "webhook", "DELIVERED").get("attempts").asInt()).isEqualTo(3);
  }

  private static Duration gap(JsonNode message, int attempt) {
    return Duration.between(
        Instant.parse(message.at("/attempt_log/" + attempt + "/started_at").asString()),
        Instant.parse(message.get("next_attempt_at").asString()));
  }

  @Test
  void aReceiverRejectingTheContentFailsAtOnce() {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(422).body("bad payload").build();
          }
        });
    String d = f.live("rejecting", List.of(DeliveryFixture.webhook(receiver.url("/x").toString())));
    f.track("rejecting", DeliveryFixture.customer("x1", null, null));
    JsonNode failed = f.awaitOnly(d, "webhook", "FAILED");
    assertThat(failed.get("reason").asString()).isEqualTo("rejected_by_receiver");
    assertThat(failed.get("attempts").asInt()).isEqualTo(1);
    assertThat(failed.at("/attempt_log/0/response").asString()).isEqualTo("bad payload");
  }

  @Test
  void aChannelsRateLimitSpreadsItsSendsOut() {
    String d =
        f.live(
            "paced",
            List.of(
                Map.of(
                    "type",
                    "webhook",
                    "url",
                    receiver.url("/p").toString(),
                    "event_name",
                    "p",
                    "rate_limit",
                    1)));
    for (int i = 0; i < 3; i++) {
      f.track("paced", DeliveryFixture.customer("p" + i, null, null));
    }
    await().untilAsserted(() -> assertThat(count(d, "DELIVERED")).isEqualTo(3));
    List<Instant> sent =
        f.messages(d).stream()
            .map(m -> Instant.parse(m.get("delivered_at").asString()))
            .sorted()
            .toList();
    assertThat(Duration.between(sent.get(0), sent.get(2)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
  }
}
