package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class WebhookDeliveryTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired dev.herald.eventlog.EventLog eventLog;
  @Autowired dev.herald.shared.work.TaskQueue tasks;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  private String liveWebhookDistribution(String eventName, Map<String, Object> extra) {
    Map<String, Object> channel =
        new java.util.HashMap<>(
            Map.of(
                "type",
                "webhook",
                "url",
                receiver.url("/hook").toString(),
                "event_name",
                "welcome",
                "headers",
                Map.of("X-Shop-Key", "k-123")));
    channel.putAll(extra);
    JsonNode created =
        api.post(
                "/v1/distributions",
                Map.of(
                    "name", "Welcome",
                    "trigger", Map.of("type", "customer.custom_event", "custom_event", eventName),
                    "action", Map.of("type", "plain_message"),
                    "channels", List.of(channel)))
            .json();
    String id = created.get("id").asString();
    Api.Response live = api.post("/v1/distributions/" + id + "/send", null);
    assertThat(live.status()).as(live.text()).isEqualTo(200);
    assertThat(live.json().get("status").asString()).isEqualTo("LIVE");
    return id;
  }

  private void track(String event, String customer) {
    Api.Response r =
        api.post(
            "/v1/events",
            Map.of(
                "event", event,
                "customer", Map.of("source_id", customer, "name", "Eve " + customer),
                "metadata", Map.of("seats", 3)));
    assertThat(r.status()).isEqualTo(200);
  }

  private JsonNode onlyMessage(String distribution) {
    JsonNode messages =
        api.get("/v1/distributions/" + distribution + "/messages").json().get("messages");
    assertThat(messages.size()).isEqualTo(1);
    return api.get(
            "/v1/distributions/"
                + distribution
                + "/messages/"
                + messages.get(0).get("id").asString())
        .json();
  }

  @Test
  void aMatchingCustomEventIsDeliveredOnceAsASignedEnvelope() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    String distribution = liveWebhookDistribution("signed_up", Map.of());

    track("signed_up", "eve");
    track("other_event", "eve");

    RecordedRequest request = receiver.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    byte[] body = request.getBody().toByteArray();
    JsonNode envelope = Api.parse(new String(body, StandardCharsets.UTF_8));
    String secret = api.get("/v1/projects/current").json().get("webhook_secret").asString();

    assertThat(envelope.get("id").asString()).startsWith("whs_");
    assertThat(envelope.get("type").asString()).isEqualTo("welcome");
    assertThat(envelope.get("project_id").asString()).startsWith("proj_");
    assertThat(envelope.at("/source/id").asString()).isEqualTo(distribution);
    assertThat(envelope.at("/source/object").asString()).isEqualTo("distribution");
    assertThat(envelope.at("/source/target_url").asString()).endsWith("/hook");
    assertThat(envelope.at("/event/type").asString()).isEqualTo("customer.custom_event");
    assertThat(envelope.at("/event/id").asString()).startsWith("evcus_");
    assertThat(envelope.at("/data/event/type").asString()).isEqualTo("signed_up");
    assertThat(envelope.at("/data/customer/source_id").asString()).isEqualTo("eve");
    assertThat(envelope.at("/data/distribution/id").asString()).isEqualTo(distribution);
    assertThat(request.getHeaders().get("X-Shop-Key")).isEqualTo("k-123");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");

    assertThat(request.getHeaders().get("x-voucherify-signature"))
        .isEqualTo(HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body)));
    String webhookId = request.getHeaders().get("webhook-id");
    String timestamp = request.getHeaders().get("webhook-timestamp");
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    byte[] signed =
        (webhookId + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    assertThat(request.getHeaders().get("webhook-signature"))
        .isEqualTo("v1," + Base64.getEncoder().encodeToString(hmac(key, signed)));
    assertThat(webhookId).isEqualTo(envelope.get("id").asString());

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(onlyMessage(distribution).get("status").asString())
                    .isEqualTo("DELIVERED"));
    JsonNode message = onlyMessage(distribution);
    assertThat(message.get("attempts").asInt()).isEqualTo(1);
    assertThat(message.get("recovered").asBoolean()).isFalse();
    assertThat(message.at("/attempt_log/0/status_code").asInt()).isEqualTo(200);
    assertThat(receiver.takeRequest(1, TimeUnit.SECONDS)).as("no second delivery").isNull();
  }

  @Test
  void aRedeliveredEventNeverMakesASecondMessage() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    String distribution = liveWebhookDistribution("replayed", Map.of());
    track("replayed", "rio");
    assertThat(receiver.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
    String eventId = onlyMessage(distribution).get("trigger_event_id").asString();
    var project = projects.authenticate(api.appId(), api.appToken()).orElseThrow();
    long seq = eventLog.find(project, eventId).orElseThrow().seq();

    // hand the same event to the matcher again, as a crash-and-redo would
    tx.executeWithoutResult(
        s ->
            tasks.enqueueNow(
                "event:distributions.matcher",
                project.value(),
                "replay-" + eventId,
                dev.herald.shared.json.Json.object().put("seq", seq)));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(tasksLeft("replay-" + eventId)).as("the replay was handled").isZero());
    assertThat(
            api.get("/v1/distributions/" + distribution + "/messages")
                .json()
                .get("messages")
                .size())
        .isEqualTo(1);
    assertThat(receiver.takeRequest(1, TimeUnit.SECONDS)).isNull();
  }

  private int tasksLeft(String key) {
    return jdbc.sql("select count(*) from work_item where key = :key")
        .param("key", key)
        .query(Integer.class)
        .single();
  }

  @Test
  void twoFailuresThenSuccessIsThreeAttemptsAndCountsAsRecovered() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(500).body("boom").build());
    receiver.enqueue(new MockResponse.Builder().code(500).build());
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    String distribution = liveWebhookDistribution("retry_me", Map.of());

    track("retry_me", "rex");
    assertThat(receiver.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
    await()
        .untilAsserted(
            () ->
                assertThat(onlyMessage(distribution).get("status").asString())
                    .isEqualTo("RETRY_SCHEDULED"));

    clock.advance(Duration.ofMinutes(1));
    assertThat(receiver.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
    await()
        .untilAsserted(
            () -> assertThat(onlyMessage(distribution).get("attempts").asInt()).isEqualTo(2));
    await()
        .untilAsserted(
            () ->
                assertThat(onlyMessage(distribution).get("status").asString())
                    .isEqualTo("RETRY_SCHEDULED"));

    clock.advance(Duration.ofMinutes(2));
    RecordedRequest third = receiver.takeRequest(10, TimeUnit.SECONDS);
    assertThat(third).isNotNull();
    await()
        .untilAsserted(
            () ->
                assertThat(onlyMessage(distribution).get("status").asString())
                    .isEqualTo("DELIVERED"));

    JsonNode message = onlyMessage(distribution);
    assertThat(message.get("attempts").asInt()).isEqualTo(3);
    assertThat(message.get("recovered").asBoolean()).isTrue();
    assertThat(message.get("attempt_log").findValuesAsString("outcome"))
        .containsExactly("RETRYABLE", "RETRYABLE", "DELIVERED");
    assertThat(message.at("/attempt_log/0/response").asString()).isEqualTo("boom");
    assertThat(message.at("/attempt_log/0/status_code").asInt()).isEqualTo(500);
    assertThat(receiver.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aReceiverThatNeverSucceedsGetsTheWholeScheduleThenFails() throws Exception {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(503).build();
          }
        });
    String distribution = liveWebhookDistribution("doomed", Map.of());
    List<Duration> schedule =
        List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024).stream()
            .map(Duration::ofMinutes)
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    schedule.add(Duration.ofHours(24));

    track("doomed", "dora");
    for (int attempt = 1; attempt <= schedule.size(); attempt++) {
      int made = attempt;
      await()
          .untilAsserted(
              () -> {
                JsonNode m = onlyMessage(distribution);
                assertThat(m.get("attempts").asInt()).isEqualTo(made);
                assertThat(m.get("status").asString()).isEqualTo("RETRY_SCHEDULED");
              });
      Duration wait = schedule.get(attempt - 1);
      clock.advance(wait.minusSeconds(5));
      Thread.sleep(700); // a poll interval: nothing is due yet
      assertThat(onlyMessage(distribution).get("attempts").asInt())
          .as("not before its time")
          .isEqualTo(made);
      clock.advance(Duration.ofSeconds(5));
    }
    await()
        .untilAsserted(
            () ->
                assertThat(onlyMessage(distribution).get("status").asString()).isEqualTo("FAILED"));

    JsonNode message = onlyMessage(distribution);
    assertThat(message.get("attempts").asInt()).isEqualTo(13);
    assertThat(message.get("reason").asString()).isEqualTo("retries_exhausted");
    assertThat(message.get("attempt_log").size()).isEqualTo(13);
    List<JsonNode> log = new java.util.ArrayList<>();
    message.get("attempt_log").forEach(log::add);
    for (int i = 1; i < log.size(); i++) {
      Duration gap =
          Duration.between(
              java.time.Instant.parse(log.get(i - 1).get("started_at").asString()),
              java.time.Instant.parse(log.get(i).get("started_at").asString()));
      assertThat(gap)
          .as("gap before attempt " + (i + 1))
          .isGreaterThanOrEqualTo(schedule.get(i - 1));
    }
    assertThat(receiver.getRequestCount()).isEqualTo(13);
  }

  @Test
  void payloadDesignKeepsNumbersUnquotedAndRawPayloadIsTheWholeBody() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(204).build());
    receiver.enqueue(new MockResponse.Builder().code(204).build());
    String design =
        "{\"who\": \"Hi {{customer.name}}!\", \"seats\": {{event.metadata.seats}}, \"missing\": {{customer.metadata.nope}}}";
    liveWebhookDistribution("designed", Map.of("payload", design));
    liveWebhookDistribution("raw", Map.of("payload", design, "raw_payload", true));

    track("designed", "dan");
    JsonNode wrapped = Api.parse(receiver.takeRequest(10, TimeUnit.SECONDS).getBody().utf8());
    assertThat(wrapped.at("/data/who").asString()).isEqualTo("Hi Eve dan!");
    assertThat(wrapped.at("/data/seats").isNumber()).isTrue();
    assertThat(wrapped.at("/data/seats").asInt()).isEqualTo(3);
    assertThat(wrapped.at("/data/missing").isNull()).isTrue();
    assertThat(wrapped.get("type").asString()).isEqualTo("welcome");

    track("raw", "ray");
    JsonNode raw = Api.parse(receiver.takeRequest(10, TimeUnit.SECONDS).getBody().utf8());
    assertThat(raw.toString()).isEqualTo("{\"who\":\"Hi Eve ray!\",\"seats\":3,\"missing\":null}");
  }

  @Test
  void eventsWhilePausedNeverFireAndResumeFiresNewOnes() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    String distribution = liveWebhookDistribution("paused_evt", Map.of());
    assertThat(
            api.post("/v1/distributions/" + distribution + "/pause", null)
                .json()
                .get("status")
                .asString())
        .isEqualTo("PAUSED");

    track("paused_evt", "pam");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.getRequestCount() == 0);

    assertThat(
            api.post("/v1/distributions/" + distribution + "/resume", null)
                .json()
                .get("status")
                .asString())
        .isEqualTo("LIVE");
    // the event from the pause stays unsent
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.getRequestCount() == 0);

    track("paused_evt", "pia");
    RecordedRequest request = receiver.takeRequest(10, TimeUnit.SECONDS);
    assertThat(Api.parse(request.getBody().utf8()).at("/data/customer/source_id").asString())
        .isEqualTo("pia");
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }
}
