package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DistributionsApiTest extends HeraldTest {

  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  private static Map<String, Object> webhook() {
    return Map.of("type", "webhook", "url", "https://example.com/hook", "event_name", "evt");
  }

  private static Map<String, Object> complete(String name) {
    return Map.of(
        "name", name,
        "trigger", Map.of("type", "customer.custom_event", "custom_event", "signed_up"),
        "action", Map.of("type", "plain_message"),
        "channels", List.of(webhook()));
  }

  @Test
  void savesAPartialDraft() {
    Api.Response r = api.post("/v1/distributions", Map.of("name", "Half done"));

    assertThat(r.status()).isEqualTo(200);
    JsonNode d = r.json();
    assertThat(d.get("id").asString()).startsWith("distr_");
    assertThat(d.get("object").asString()).isEqualTo("distribution");
    assertThat(d.get("status").asString()).isEqualTo("DRAFT");
    assertThat(d.get("channels").size()).isZero();
  }

  @Test
  void channelsGetIdsAndKeepThemAcrossEdits() {
    JsonNode d = api.post("/v1/distributions", complete("Keep ids")).json();
    String channelId = d.at("/channels/0/id").asString();
    assertThat(channelId).startsWith("dch_");
    assertThat(d.at("/channels/0/status").asString()).isEqualTo("ACTIVE");

    JsonNode edited =
        api.put(
                "/v1/distributions/" + d.get("id").asString(),
                Map.of(
                    "channels",
                    List.of(
                        Map.of(
                            "id",
                            channelId,
                            "type",
                            "webhook",
                            "url",
                            "https://example.com/v2",
                            "event_name",
                            "evt"))))
            .json();

    assertThat(edited.at("/channels/0/id").asString()).isEqualTo(channelId);
    assertThat(edited.at("/channels/0/url").asString()).isEqualTo("https://example.com/v2");
  }

  @Test
  void sendingAnIncompleteDraftSaysWhatIsMissingAndKeepsItADraft() {
    String id =
        api.post("/v1/distributions", Map.of("name", "No trigger")).json().get("id").asString();

    Api.Response r = api.post("/v1/distributions/" + id + "/send", null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("key").asString()).isEqualTo("invalid_distribution");
    assertThat(r.json().get("details").asString()).contains("trigger.type");
    assertThat(api.get("/v1/distributions/" + id).json().get("status").asString())
        .isEqualTo("DRAFT");

    api.put("/v1/distributions/" + id, Map.of("trigger", Map.of("type", "customer.custom_event")));
    assertThat(api.post("/v1/distributions/" + id + "/send", null).json().get("details").asString())
        .contains("trigger.custom_event");
  }

  @Test
  void aWebhookChannelNeedsUrlAndEventNameToGoLive() {
    JsonNode d =
        api.post(
                "/v1/distributions",
                Map.of(
                    "name", "Incomplete channel",
                    "trigger", Map.of("type", "customer.custom_event", "custom_event", "e"),
                    "action", Map.of("type", "plain_message"),
                    "channels", List.of(Map.of("type", "webhook"))))
            .json();

    Api.Response r = api.post("/v1/distributions/" + d.get("id").asString() + "/send", null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("details").asString()).contains("url");
  }

  @Test
  void rejectsMalformedPartsAtSave() {
    assertThat(
            api.post("/v1/distributions", Map.of("trigger", Map.of("type", "customer.nope")))
                .status())
        .isEqualTo(400);
    assertThat(api.post("/v1/distributions", Map.of("action", Map.of("type", "teleport"))).status())
        .isEqualTo(400);
    assertThat(
            api.post("/v1/distributions", Map.of("channels", List.of(Map.of("type", "pigeon"))))
                .status())
        .isEqualTo(400);
    assertThat(api.post("/v1/distributions", Map.of("channels", "webhook")).status())
        .isEqualTo(400);
    assertThat(api.post("/v1/distributions", Map.of("name", 7)).status()).isEqualTo(400);
    assertThat(
            api.post(
                    "/v1/distributions",
                    Map.of(
                        "time_frame",
                        Map.of(
                            "start_at", "2030-01-02T00:00:00Z", "end_at", "2030-01-01T00:00:00Z")))
                .status())
        .isEqualTo(400);
    assertThat(
            api.post(
                "/v1/distributions",
                Map.of(
                    "channels",
                    List.of(Map.of("type", "webhook", "url", "ftp://x", "event_name", "e")))))
        .extracting(Api.Response::status)
        .isEqualTo(400);
    assertThat(
            api.post(
                "/v1/distributions",
                Map.of(
                    "channels",
                    List.of(Map.of("type", "webhook", "headers", Map.of("Content-Type", "x"))))))
        .extracting(Api.Response::status)
        .isEqualTo(400);
    assertThat(
            api.post(
                "/v1/distributions",
                Map.of(
                    "channels",
                    List.of(Map.of("type", "webhook", "payload", "{\"a\": {{not a path}}}")))))
        .extracting(Api.Response::status)
        .isEqualTo(400);
    assertThat(api.get("/v1/distributions").json().get("distributions").size())
        .as("nothing stored")
        .isZero();
  }

  @Test
  void lifecycleLiveToPausedAndBackWithGuardedTransitions() {
    String id = api.post("/v1/distributions", complete("Cycle")).json().get("id").asString();
    String path = "/v1/distributions/" + id;

    assertThat(api.post(path + "/pause", null).status()).as("a draft cannot pause").isEqualTo(409);
    JsonNode live = api.post(path + "/send", null).json();
    assertThat(live.get("status").asString()).isEqualTo("LIVE");
    assertThat(live.get("set_live_at").isNull()).isFalse();
    assertThat(api.put(path, Map.of("name", "edit while live")).status()).isEqualTo(409);
    assertThat(api.post(path + "/send", null).status()).isEqualTo(409);

    assertThat(api.post(path + "/pause", null).json().get("status").asString()).isEqualTo("PAUSED");
    assertThat(api.post(path + "/pause", null).status()).isEqualTo(409);
    assertThat(api.put(path, Map.of("name", "Edited while paused")).json().get("name").asString())
        .isEqualTo("Edited while paused");
    assertThat(api.post(path + "/resume", null).json().get("status").asString()).isEqualTo("LIVE");

    assertThat(api.delete(path).status()).isEqualTo(204);
    assertThat(api.get(path).status()).isEqualTo(404);
    assertThat(api.get("/v1/distributions").json().get("distributions").size()).isZero();
  }

  @Test
  void listsWithFilters() {
    String live =
        api.post("/v1/distributions", complete("Summer welcome")).json().get("id").asString();
    api.post("/v1/distributions/" + live + "/send", null);
    api.post("/v1/distributions", Map.of("name", "Winter draft"));

    assertThat(api.get("/v1/distributions").json().get("distributions").size()).isEqualTo(2);
    assertThat(api.get("/v1/distributions?status=LIVE").json().at("/distributions/0/id").asString())
        .isEqualTo(live);
    assertThat(
            api.get("/v1/distributions?name=winter").json().at("/distributions/0/name").asString())
        .isEqualTo("Winter draft");
    assertThat(
            api.get("/v1/distributions?trigger_type=customer.custom_event")
                .json()
                .get("distributions")
                .size())
        .isEqualTo(1);
    assertThat(api.get("/v1/distributions?status=BOGUS").status()).isEqualTo(400);
    assertThat(api.get("/v1/distributions?limit=1").json().get("has_more").asBoolean()).isTrue();
  }
}
