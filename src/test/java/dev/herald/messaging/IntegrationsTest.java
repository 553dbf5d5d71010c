package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.shared.json.Json;
import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
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
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Mailchimp and Braze write codes into external profiles, checked against their documented API. */
class IntegrationsTest extends HeraldTest {

  @StartStop final MockWebServer provider = new MockWebServer();
  @Autowired Messaging messaging;
  private DeliveryFixture f;

  @BeforeEach
  void project() {
    f = new DeliveryFixture(newProject(), projects);
  }

  /** A draft distribution with one channel, and a message queued on it carrying a code. */
  private String queueWithCode(Map<String, Object> channel, String customerSourceId, String code) {
    String d =
        f.api
            .post("/v1/distributions", Map.of("name", "Codes", "channels", List.of(channel)))
            .json()
            .get("id")
            .asString();
    String customer =
        f.api
            .post(
                "/v1/customers",
                Map.of("source_id", customerSourceId, "email", "Mixed.Case@Example.com"))
            .json()
            .get("id")
            .asString();
    Channel ch = messaging.channels(f.project, d).get(0);
    ObjectNode context = Json.object();
    context.set("event", Json.object());
    ObjectNode data = context.putObject("data");
    ObjectNode voucher = data.putObject("voucher").put("code", code).put("object", "voucher");
    ObjectNode assets = voucher.putObject("assets");
    assets.putObject("qr").put("url", "https://assets.example/qr/" + code);
    assets.putObject("barcode").put("url", "https://assets.example/barcode/" + code);
    messaging.enqueue(
        new NewMessage(f.project, d, ch, customer, "evt_" + code, context, code, null));
    return d;
  }

  @Test
  void integrationCredentialsAreWriteOnly() {
    Api.Response put =
        f.api.put(
            "/v1/projects/current/integrations",
            Map.of(
                "mailchimp", Map.of("api_key", "key-us6"),
                "braze",
                    Map.of("api_key", "bz-key", "base_url", "https://rest.iad-01.braze.com/")));
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    JsonNode got = f.api.get("/v1/projects/current/integrations").json();
    assertThat(got.toString()).doesNotContain("key-us6").doesNotContain("bz-key");
    assertThat(got.at("/mailchimp/api_key_set").asBoolean()).isTrue();
    assertThat(got.at("/mailchimp/configured").asBoolean()).isTrue();
    assertThat(got.at("/braze/base_url").asString()).isEqualTo("https://rest.iad-01.braze.com");
    assertThat(got.at("/smtp/configured").asBoolean()).isFalse();
    assertThat(f.api.get("/v1/projects/current").json().toString()).doesNotContain("key-us6");

    Map<String, Object> clear = new java.util.HashMap<>();
    clear.put("mailchimp", null);
    f.api.put("/v1/projects/current/integrations", clear);
    assertThat(
            f.api
                .get("/v1/projects/current/integrations")
                .json()
                .at("/mailchimp/configured")
                .asBoolean())
        .isFalse();
    assertThat(
            f.api
                .get("/v1/projects/current/integrations")
                .json()
                .at("/braze/configured")
                .asBoolean())
        .isTrue();

    assertThat(f.api.put("/v1/projects/current/integrations", Map.of("fax", Map.of())).status())
        .isEqualTo(400);
    assertThat(
            f.api
                .put(
                    "/v1/projects/current/integrations",
                    Map.of("braze", Map.of("base_url", "ftp://x")))
                .status())
        .isEqualTo(400);
    assertThat(
            f.api
                .put("/v1/projects/current/integrations", Map.of("smtp", Map.of("port", 70000)))
                .status())
        .isEqualTo(400);
    assertThat(
            f.api
                .put("/v1/projects/current/integrations", Map.of("smtp", Map.of("pasword", "x")))
                .status())
        .isEqualTo(400);
  }

  @Test
  void mailchimpGetsTheMemberUpsertWithTheCodeAndImageMergeFields() throws Exception {
    f.integrations(
        Map.of(
            "mailchimp",
            Map.of("api_key", "abc123-us6", "base_url", provider.url("/3.0").toString())));
    provider.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"x\"}").build());
    String d =
        queueWithCode(
            Map.of("type", "mailchimp", "list_id", "a1b2c3", "merge_tag", "COUPON"),
            "mia",
            "MC-CODE-1");

    RecordedRequest r = provider.takeRequest(10, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("MD5")
                    .digest("mixed.case@example.com".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.getMethod()).isEqualTo("PUT");
    assertThat(r.getTarget()).isEqualTo("/3.0/lists/a1b2c3/members/" + hash);
    assertThat(r.getHeaders().get("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("herald:abc123-us6".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(Api.parse(r.getBody().utf8()))
        .isEqualTo(
            Api.parse(
                """
                {"email_address":"Mixed.Case@Example.com","status_if_new":"transactional",
                 "merge_fields":{"COUPON":"MC-CODE-1","COUPON_QR":"https://assets.example/qr/MC-CODE-1",
                                 "COUPON_BARCODE":"https://assets.example/barcode/MC-CODE-1"}}
                """));
    assertThat(f.awaitOnly(d, "mailchimp", "DELIVERED").get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void brazeGetsTheUserTrackCallWithTheCodeAttributes() throws Exception {
    f.integrations(
        Map.of(
            "braze", Map.of("api_key", "bz-rest-key", "base_url", provider.url("/").toString())));
    provider.enqueue(
        new MockResponse.Builder()
            .code(201)
            .body("{\"message\":\"success\",\"attributes_processed\":1}")
            .build());
    String d =
        queueWithCode(Map.of("type", "braze", "attribute", "voucher_code"), "bri", "BZ-CODE-1");

    RecordedRequest r = provider.takeRequest(10, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/users/track");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer bz-rest-key");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(Api.parse(r.getBody().utf8()))
        .isEqualTo(
            Api.parse(
                """
                {"attributes":[{"external_id":"bri","voucher_code":"BZ-CODE-1",
                  "voucher_code_qr":"https://assets.example/qr/BZ-CODE-1",
                  "voucher_code_barcode":"https://assets.example/barcode/BZ-CODE-1"}]}
                """));
    f.awaitOnly(d, "braze", "DELIVERED");
  }

  @Test
  void theIntegrationLadderIsFollowedToTheEndThenTheMessageFails() {
    f.integrations(
        Map.of("braze", Map.of("api_key", "k", "base_url", provider.url("/").toString())));
    provider.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(500).build();
          }
        });
    List<Duration> ladder =
        List.of("PT1M", "PT5M", "PT15M", "PT1H", "PT4H", "PT12H").stream()
            .map(Duration::parse)
            .toList();
    String d = queueWithCode(Map.of("type", "braze", "attribute", "code"), "bl", "LADDER");
    Ladders.walk(f, d, "braze", ladder, clock);
    JsonNode failed = f.awaitOnly(d, "braze", "FAILED");
    assertThat(failed.get("reason").asString()).isEqualTo("retries_exhausted");
    Ladders.assertGaps(failed, ladder);
  }

  @Test
  void aRejectedRequestFailsAtOnce() {
    f.integrations(
        Map.of(
            "mailchimp", Map.of("api_key", "k-us1", "base_url", provider.url("/3.0").toString())));
    provider.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body("{\"title\":\"Invalid Resource\",\"status\":400}")
            .build());
    String d =
        queueWithCode(
            Map.of("type", "mailchimp", "list_id", "l", "merge_tag", "TAG"), "rj", "RJ-1");
    JsonNode failed = f.awaitOnly(d, "mailchimp", "FAILED");
    assertThat(failed.get("reason").asString()).isEqualTo("rejected_by_provider");
    assertThat(failed.at("/attempt_log/0/response").asString()).contains("Invalid Resource");
  }

  @Test
  void anIntegrationChannelCannotGoLiveWithoutItsCredentials() {
    List<dev.herald.shared.web.Body> spec =
        List.of(
            dev.herald.shared.web.Body.of(
                Json.object().put("type", "braze").put("attribute", "code"),
                "invalid_distribution"));
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.herald.shared.ApiException.class,
                () -> messaging.validateChannels(f.project, "customer.custom_event", spec, true)))
        .isNotNull()
        .extracting(dev.herald.shared.ApiException::details)
        .asString()
        .contains("braze credentials");
    messaging.validateChannels(f.project, "customer.custom_event", spec, false); // a draft may wait
    f.integrations(
        Map.of("braze", Map.of("api_key", "k", "base_url", "https://rest.iad-01.braze.com")));
    messaging.validateChannels(f.project, "customer.custom_event", spec, true);
  }
}
