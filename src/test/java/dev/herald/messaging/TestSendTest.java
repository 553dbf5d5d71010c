package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TestSendTest extends HeraldTest {

  @Test
  void aTestEmailGoesOutNowAndShowsInTheSandbox() {
    DeliveryFixture f = new DeliveryFixture(newProject(), projects).brand();
    Api.Response sent =
        f.api.post(
            "/v1/templates/test-send",
            Map.of(
                "channel", "email",
                "to", "qa@acme.example",
                "trigger_type", "customer.order.paid",
                "template",
                    Map.of(
                        "subject", "Order {{order.source_id}}",
                        "blocks", List.of(Map.of("type", "code", "show", "qr")),
                        "style", Map.of("code_images", "inline"))));
    assertThat(sent.status()).as(sent.text()).isEqualTo(200);
    assertThat(sent.json().get("status").asString()).isEqualTo("DELIVERED");
    assertThat(sent.json().get("subject").asString()).isEqualTo("[Test] Order order-1001");

    JsonNode mail = f.api.get("/v1/sandbox/messages?channel=email").json().at("/messages/0");
    assertThat(mail.get("to").asString()).isEqualTo("qa@acme.example");
    assertThat(mail.get("subject").asString()).isEqualTo("[Test] Order order-1001");
    assertThat(mail.get("html").asString()).contains("cid:qr-0@herald");
    assertThat(mail.get("text").asString()).contains("SUMMER-7Q2X");
  }

  @Test
  void aTestSmsGoesToTheSandboxWithoutAProvider() {
    DeliveryFixture f = new DeliveryFixture(newProject(), projects);
    JsonNode sent =
        f.api
            .post(
                "/v1/templates/test-send",
                Map.of(
                    "channel",
                    "sms",
                    "to",
                    "+14155550199",
                    "template",
                    Map.of("text", "Hi {{customer.name}}")))
            .json();
    assertThat(sent.get("status").asString()).isEqualTo("DELIVERED");
    JsonNode sms = f.api.get("/v1/sandbox/messages?channel=sms").json().at("/messages/0");
    assertThat(sms.get("text").asString()).isEqualTo("Hi Alice Example");
    assertThat(sms.get("to").asString()).isEqualTo("+14155550199");
  }

  @Test
  void aBadTestSendIsABadRequest() {
    Api api = newProject();
    assertThat(
            api.post("/v1/templates/test-send", Map.of("channel", "webhook", "to", "x")).status())
        .isEqualTo(400);
    assertThat(
            api.post(
                    "/v1/templates/test-send",
                    Map.of(
                        "channel",
                        "email",
                        "to",
                        "not-an-address",
                        "template",
                        Map.of("subject", "x", "text", "y")))
                .json()
                .get("details")
                .asString())
        .isEqualTo("to is not a valid email address");
    Api.Response unknown =
        api.post(
            "/v1/templates/test-send",
            Map.of("channel", "sms", "to", "+14155550100", "template", Map.of("text", "{{nope}}")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("details").asString()).contains("{{nope}}");
    assertThat(api.get("/v1/sandbox/messages").json().get("total").asInt()).isZero();
  }
}
