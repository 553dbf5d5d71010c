package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SmsDeliveryTest extends HeraldTest {

  @StartStop final MockWebServer twilio = new MockWebServer();
  private DeliveryFixture f;

  @BeforeEach
  void project() {
    f = new DeliveryFixture(newProject(), projects);
  }

  private void provider() {
    f.integrations(
        Map.of(
            "sms",
            Map.of(
                "base_url", twilio.url("/").toString(),
                "account_sid", "AC0123",
                "auth_token", "s3cret",
                "from", "+15005550006")));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void anSmsIsPostedToTheTwilioCompatibleProviderAsDocumented() throws Exception {
    provider();
    twilio.enqueue(
        new MockResponse.Builder()
            .code(201)
            .body("{\"sid\":\"SM123\",\"status\":\"queued\"}")
            .addHeader("Content-Type", "application/json")
            .build());
    String d = f.live("texted", List.of(DeliveryFixture.sms("Hi {{customer.name}}! Zażółć 🎉")));
    f.track("texted", DeliveryFixture.customer("tex", null, "+14155550100"));

    RecordedRequest request = twilio.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/2010-04-01/Accounts/AC0123/Messages.json");
    assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("AC0123:s3cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeaders().get("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    assertThat(form(request.getBody().utf8()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("To", "+14155550100", "From", "+15005550006", "Body", "Hi Cus tex! Zażółć 🎉"));
    JsonNode delivered = f.awaitOnly(d, "sms", "DELIVERED");
    assertThat(delivered.at("/attempt_log/0/status_code").asInt()).isEqualTo(201);
    assertThat(delivered.at("/attempt_log/0/response").asString()).contains("SM123");
  }

  @Test
  void withoutAProviderTheSandboxRecordsTheSms() {
    String d =
        f.live(
            "sandsms", List.of(DeliveryFixture.sms("Code {{voucher.code | default: \"none\"}}")));
    f.track("sandsms", DeliveryFixture.customer("sandy", null, "+351910000000"));
    f.awaitOnly(d, "sms", "DELIVERED");
    JsonNode inbox = f.api.get("/v1/sandbox/messages?channel=sms").json();
    assertThat(inbox.get("total").asInt()).isEqualTo(1);
    assertThat(inbox.at("/messages/0/to").asString()).isEqualTo("+351910000000");
    assertThat(inbox.at("/messages/0/text").asString()).isEqualTo("Code none");
    assertThat(inbox.at("/messages/0/channel").asString()).isEqualTo("sms");
  }

  @Test
  void anInvalidNumberFailsAtOnceAndAThrottleWaitsForRetryAfter() throws Exception {
    provider();
    twilio.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\"}")
            .build());
    String d = f.live("badnum", List.of(DeliveryFixture.sms("Hi")));
    f.track("badnum", DeliveryFixture.customer("bad", null, "+1000"));
    JsonNode failed = f.awaitOnly(d, "sms", "FAILED");
    assertThat(failed.get("reason").asString()).isEqualTo("invalid_phone");
    assertThat(failed.get("attempts").asInt()).isEqualTo(1);

    twilio.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "600").build());
    twilio.enqueue(new MockResponse.Builder().code(201).body("{}").build());
    String t = f.live("throttled", List.of(DeliveryFixture.sms("Hi")));
    f.track("throttled", DeliveryFixture.customer("thr", null, "+14155550101"));
    JsonNode waiting = f.awaitOnly(t, "sms", "RETRY_SCHEDULED");
    Instant tried = Instant.parse(waiting.at("/attempt_log/0/started_at").asString());
    assertThat(Duration.between(tried, Instant.parse(waiting.get("next_attempt_at").asString())))
        .as("Retry-After outranks the 30 s first step")
        .isBetween(Duration.ofSeconds(599), Duration.ofSeconds(602));
    clock.advance(Duration.ofMinutes(11));
    assertThat(f.awaitOnly(t, "sms", "DELIVERED").get("recovered").asBoolean()).isTrue();
  }

  @Test
  void theSmsLadderIsFollowedToTheEndThenTheMessageFails() {
    provider();
    twilio.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(503).build();
          }
        });
    List<Duration> ladder =
        List.of("PT30S", "PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT2H").stream()
            .map(Duration::parse)
            .toList();
    String d = f.live("smsladder", List.of(DeliveryFixture.sms("Hi")));
    f.track("smsladder", DeliveryFixture.customer("sl", null, "+14155550102"));
    Ladders.walk(f, d, "sms", ladder, clock);
    JsonNode failed = f.awaitOnly(d, "sms", "FAILED");
    assertThat(failed.get("reason").asString()).isEqualTo("retries_exhausted");
    assertThat(failed.get("attempts").asInt()).isEqualTo(8);
    Ladders.assertGaps(failed, ladder);
    assertThat(twilio.getRequestCount()).isEqualTo(8);
  }

  @Test
  void aCustomerWithoutAPhoneOrUnsubscribedIsSkipped() {
    String d = f.live("nophone", List.of(DeliveryFixture.sms("Hi")));
    f.track("nophone", DeliveryFixture.customer("nop", "nop@example.com", null));
    assertThat(f.awaitOnly(d, "sms", "SKIPPED").get("reason").asString()).isEqualTo("no_phone");

    Api.Response unsub =
        f.api.post("/v1/customers", Map.of("source_id", "uns", "phone", "+14155550103"));
    assertThat(unsub.status()).isEqualTo(200);
    assertThat(f.api.put("/v1/customers/uns/consents", Map.of("unsubscribed", true)).status())
        .isLessThan(300);
    String u = f.live("unsubbed", List.of(DeliveryFixture.sms("Hi")));
    f.track("unsubbed", Map.of("source_id", "uns"));
    assertThat(f.awaitOnly(u, "sms", "SKIPPED").get("reason").asString()).isEqualTo("unsubscribed");
  }
}
