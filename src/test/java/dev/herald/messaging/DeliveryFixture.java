package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** A project with brand details and helpers to make live distributions and fire their events. */
final class DeliveryFixture {

  final Api api;
  final ProjectId project;

  DeliveryFixture(Api api, Projects projects) {
    this.api = api;
    this.project = projects.authenticate(api.appId(), api.appToken()).orElseThrow();
  }

  /** A receiver answering 200 that counts the deliveries of each webhook id into {@code seen}. */
  static mockwebserver3.Dispatcher counting(Map<String, AtomicInteger> seen) {
    return new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        seen.computeIfAbsent(request.getHeaders().get("webhook-id"), k -> new AtomicInteger())
            .incrementAndGet();
        return new mockwebserver3.MockResponse.Builder().code(200).build();
      }
    };
  }

  /** A distribution of this project with one webhook channel to {@code url}; its id. */
  String webhookDistribution(String name, String url) {
    return api.post("/v1/distributions", Map.of("name", name, "channels", List.of(webhook(url))))
        .json()
        .get("id")
        .asString();
  }

  DeliveryFixture brand() {
    Api.Response r =
        api.put(
            "/v1/projects/current",
            Map.of(
                "brand",
                Map.of(
                    "name", "Acme Shoes",
                    "email", "hello@acme.example",
                    "address",
                        Map.of(
                            "line_1", "1 Main Street",
                            "postal_code", "1000-001",
                            "city", "Lisbon",
                            "country", "Portugal"))));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return this;
  }

  DeliveryFixture integrations(Map<String, Object> settings) {
    Api.Response r = api.put("/v1/projects/current/integrations", settings);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return this;
  }

  static Map<String, Object> email(String subject, String text) {
    return Map.of("type", "email", "template", Map.of("subject", subject, "text", text));
  }

  static Map<String, Object> sms(String text) {
    return Map.of("type", "sms", "template", Map.of("text", text));
  }

  static Map<String, Object> webhook(String url) {
    return Map.of("type", "webhook", "url", url, "event_name", "hooked");
  }

  /** A live distribution on a custom event, sending a plain message over these channels. */
  String live(String event, List<Map<String, Object>> channels) {
    return live(event, channels, Map.of("type", "plain_message"));
  }

  String live(String event, List<Map<String, Object>> channels, Map<String, Object> action) {
    Api.Response created =
        api.post(
            "/v1/distributions",
            Map.of(
                "name",
                "Delivery " + event,
                "trigger",
                Map.of("type", "customer.custom_event", "custom_event", event),
                "action",
                action,
                "channels",
                channels));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String id = created.json().get("id").asString();
    Api.Response live = api.post("/v1/distributions/" + id + "/send", null);
    assertThat(live.status()).as(live.text()).isEqualTo(200);
    return id;
  }

  /** Fires the event for a customer (created or updated with these fields). */
  void track(String event, Map<String, Object> customer) {
    Api.Response r = api.post("/v1/events", Map.of("event", event, "customer", customer));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  static Map<String, Object> customer(String sourceId, String email, String phone) {
    Map<String, Object> c = new HashMap<>();
    c.put("source_id", sourceId);
    c.put("name", "Cus " + sourceId);
    if (email != null) {
      c.put("email", email);
    }
    if (phone != null) {
      c.put("phone", phone);
    }
    return c;
  }

  List<JsonNode> messages(String distribution) {
    JsonNode list = api.get("/v1/distributions/" + distribution + "/messages?limit=100").json();
    List<JsonNode> out = new ArrayList<>();
    list.get("messages").forEach(out::add);
    return out;
  }

  JsonNode message(String distribution, String messageId) {
    return api.get("/v1/distributions/" + distribution + "/messages/" + messageId).json();
  }

  /** The only message of a channel type, with its attempt log, once it reaches {@code status}. */
  JsonNode awaitOnly(String distribution, String channel, String status) {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              List<JsonNode> ms =
                  messages(distribution).stream()
                      .filter(m -> m.get("channel").asString().equals(channel))
                      .toList();
              assertThat(ms).hasSize(1);
              assertThat(ms.get(0).get("status").asString()).isEqualTo(status);
            });
    JsonNode m =
        messages(distribution).stream()
            .filter(x -> x.get("channel").asString().equals(channel))
            .findFirst()
            .orElseThrow();
    return message(distribution, m.get("id").asString());
  }
}
