package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.customers.Customers;
import dev.herald.support.Api;
import dev.herald.support.HeraldProcess;
import dev.herald.support.HeraldTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class EmailDeliveryTest extends HeraldTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Autowired Customers customers;
  private DeliveryFixture f;

  @BeforeEach
  void project() {
    f = new DeliveryFixture(newProject(), projects).brand();
  }

  private void relay(int port) {
    f.integrations(
        Map.of(
            "smtp",
            Map.of("host", "127.0.0.1", "port", port, "tls", "none", "from", "shop@acme.example")));
  }

  private static final Map<String, Object> TEMPLATE =
      Map.of(
          "type",
          "email",
          "template",
          Map.of(
              "subject",
              "Welcome {{customer.name}}",
              "blocks",
              List.of(
                  Map.of("type", "text", "html", "<p>Hi <b>{{customer.name}}</b></p>"),
                  Map.of(
                      "type",
                      "button",
                      "label",
                      "Wallet",
                      "href",
                      "{{customer.assets.cockpit_url}}"))));

  @Test
  void anEmailArrivesAsMultipartWithTheBrandAndOneClickUnsubscribeThatReallyUnsubscribes()
      throws Exception {
    relay(smtp.getSmtp().getPort());
    String d = f.live("joined", List.of(TEMPLATE));
    f.track("joined", DeliveryFixture.customer("ann", "ann@example.com", null));

    await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length == 1);
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("Welcome Cus ann");
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("shop@acme.example");
    assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Acme Shoes");
    assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress())
        .isEqualTo("hello@acme.example");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
    assertThat(mail.getContentType()).startsWith("multipart/alternative");
    Multipart parts = (Multipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(parts.getBodyPart(0).getContent().toString())
        .contains("Hi Cus ann")
        .contains("Unsubscribe (");
    assertThat(parts.getBodyPart(1).getContent().toString())
        .contains("Hi <b>Cus ann</b>")
        .contains("1 Main Street")
        .contains("/public/unsubscribe/");
    String listUnsubscribe = mail.getHeader("List-Unsubscribe", null);
    assertThat(listUnsubscribe)
        .matches("<http://localhost:\\d+/public/unsubscribe/[A-Za-z0-9_-]+>");
    assertThat(mail.getHeader("List-Unsubscribe-Post", null))
        .isEqualTo("List-Unsubscribe=One-Click");
    JsonNode message = f.awaitOnly(d, "email", "DELIVERED");
    assertThat(mail.getMessageID()).isEqualTo("<" + message.get("id").asString() + "@herald>");

    // RFC 8058: the mail client POSTs the header's URL; the customer is unsubscribed, no page
    // needed.
    String url = listUnsubscribe.substring(1, listUnsubscribe.length() - 1);
    HttpResponse<String> oneClick =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(oneClick.statusCode()).isEqualTo(200);
    assertThat(customers.get(f.project, "ann").unsubscribed()).isTrue();

    f.track("joined", Map.of("source_id", "ann"));
    await()
        .untilAsserted(
            () ->
                assertThat(f.messages(d))
                    .anySatisfy(
                        m -> {
                          assertThat(m.get("status").asString()).isEqualTo("SKIPPED");
                          assertThat(m.get("reason").asString()).isEqualTo("unsubscribed");
                          assertThat(m.get("attempts").asInt()).isZero();
                        }));
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void withoutARelayTheSandboxReceivesTheMailAndListsItPerProject() {
    String d = f.live("sandboxed", List.of(TEMPLATE));
    f.track("sandboxed", DeliveryFixture.customer("sam", "sam@example.com", null));
    f.awaitOnly(d, "email", "DELIVERED");

    JsonNode inbox = f.api.get("/v1/sandbox/messages?channel=email").json();
    assertThat(inbox.get("data_ref").asString()).isEqualTo("messages");
    assertThat(inbox.get("total").asInt()).isEqualTo(1);
    JsonNode mail = inbox.at("/messages/0");
    assertThat(mail.get("to").asString()).isEqualTo("sam@example.com");
    assertThat(mail.get("from").asString()).contains("Acme Shoes").contains("hello@acme.example");
    assertThat(mail.get("subject").asString()).isEqualTo("Welcome Cus sam");
    assertThat(mail.get("text").asString()).contains("Hi Cus sam");
    assertThat(mail.get("html").asString()).contains("Hi <b>Cus sam</b>");
    assertThat(mail.at("/headers/List-Unsubscribe-Post").asString())
        .isEqualTo("List-Unsubscribe=One-Click");
    assertThat(mail.at("/headers/Content-Type").asString()).startsWith("multipart/alternative");
    assertThat(mail.get("received_at").asString()).endsWith("Z");
    assertThat(f.api.get("/v1/sandbox/messages?channel=sms").json().get("total").asInt()).isZero();
    assertThat(newProject().get("/v1/sandbox/messages").json().get("total").asInt()).isZero();
    assertThat(f.api.get("/v1/sandbox/messages?channel=fax").status()).isEqualTo(400);
  }

  @Test
  void smtpDownForAWhileThenUpDeliversTheMailCountedAsRecovered() {
    int port = HeraldProcess.freePort();
    relay(port);
    String d = f.live("downtime", List.of(TEMPLATE));
    f.track("downtime", DeliveryFixture.customer("dot", "dot@example.com", null));
    JsonNode failed = f.awaitOnly(d, "email", "RETRY_SCHEDULED");
    assertThat(failed.get("last_error").asString()).isNotBlank();
    assertThat(failed.at("/attempt_log/0/outcome").asString()).isEqualTo("RETRYABLE");

    GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
    try {
      clock.advance(Duration.ofSeconds(66)); // the first step of the email ladder, 1 min + jitter
      JsonNode delivered = f.awaitOnly(d, "email", "DELIVERED");
      assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
      assertThat(delivered.get("recovered").asBoolean()).isTrue();
      assertThat(relay.getReceivedMessages()).hasSize(1);
    } finally {
      relay.stop();
    }
  }

  @Test
  void aRelayRejectingTheAddressFailsAtOnceAndATemporaryRefusalIsRetried() throws Exception {
    try (ScriptedSmtp relay = new ScriptedSmtp("550 5.1.1 <x@example.com>: no such user")) {
      relay(relay.port());
      String d = f.live("rejected", List.of(TEMPLATE));
      f.track("rejected", DeliveryFixture.customer("rex", "rex@example.com", null));
      JsonNode failed = f.awaitOnly(d, "email", "FAILED");
      assertThat(failed.get("reason").asString()).isEqualTo("invalid_address");
      assertThat(failed.get("attempts").asInt()).isEqualTo(1);
      assertThat(failed.at("/attempt_log/0/status_code").asInt()).isEqualTo(550);
      assertThat(failed.at("/attempt_log/0/outcome").asString()).isEqualTo("PERMANENT");

      relay.reply("451 4.3.0 try again later");
      String later = f.live("greylisted", List.of(TEMPLATE));
      f.track("greylisted", DeliveryFixture.customer("gus", "gus@example.com", null));
      JsonNode retried = f.awaitOnly(later, "email", "RETRY_SCHEDULED");
      assertThat(retried.at("/attempt_log/0/status_code").asInt()).isEqualTo(451);
    }
  }

  @Test
  void theEmailLadderIsFollowedToTheEndThenTheMessageFails() throws Exception {
    List<Duration> ladder =
        List.of("PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT2H", "PT4H", "PT8H").stream()
            .map(Duration::parse)
            .toList();
    try (ScriptedSmtp relay = new ScriptedSmtp("421 4.7.0 busy")) {
      relay(relay.port());
      String d = f.live("ladder", List.of(TEMPLATE));
      f.track("ladder", DeliveryFixture.customer("lad", "lad@example.com", null));
      Ladders.walk(f, d, "email", ladder, clock);
      JsonNode failed = f.awaitOnly(d, "email", "FAILED");
      assertThat(failed.get("reason").asString()).isEqualTo("retries_exhausted");
      assertThat(failed.get("attempts").asInt()).isEqualTo(ladder.size() + 1);
      assertThat(relay.rcptCount()).isEqualTo(ladder.size() + 1);
      Ladders.assertGaps(failed, ladder);
    }
  }

  @Test
  void anEmailChannelCannotGoLiveWithoutTheBrandsNameAndAddress() {
    DeliveryFixture bare = new DeliveryFixture(newProject(), projects);
    String id =
        bare.api
            .post(
                "/v1/distributions",
                Map.of(
                    "name", "No brand",
                    "trigger", Map.of("type", "customer.custom_event", "custom_event", "x"),
                    "action", Map.of("type", "plain_message"),
                    "channels", List.of(TEMPLATE)))
            .json()
            .get("id")
            .asString();
    Api.Response refused = bare.api.post("/v1/distributions/" + id + "/send", null);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("details").asString()).contains("brand name and postal address");
    bare.brand();
    assertThat(bare.api.post("/v1/distributions/" + id + "/send", null).status()).isEqualTo(200);
  }

  @Test
  void anEmailTemplateWithAnUnknownVariableOrAScriptIsRejectedWhenSaved() {
    Api.Response unknown =
        f.api.post(
            "/v1/distributions",
            Map.of(
                "name", "Typo",
                "trigger", Map.of("type", "customer.order.paid"),
                "channels",
                    List.of(
                        DeliveryFixture.email("Hi {{customer.nmae}}", "Order {{order.amount}}"))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("details").asString())
        .startsWith("channels[0].template.subject uses unknown variable {{customer.nmae}}");

    Api.Response script =
        f.api.post(
            "/v1/distributions",
            Map.of(
                "name",
                "Script",
                "channels",
                List.of(
                    Map.of(
                        "type",
                        "email",
                        "template",
                        Map.of("subject", "x", "html", "<body><script>x()</script></body>")))));
    assertThat(script.status()).isEqualTo(400);
    assertThat(script.json().get("details").asString()).contains("<script>");
  }

  @Test
  void aCustomerWithoutAnEmailIsSkippedWithItsReason() {
    String d = f.live("nomail", List.of(TEMPLATE));
    f.track("nomail", DeliveryFixture.customer("nom", null, "+14155550100"));
    JsonNode skipped = f.awaitOnly(d, "email", "SKIPPED");
    assertThat(skipped.get("reason").asString()).isEqualTo("no_email");
    assertThat(skipped.get("attempts").asInt()).isZero();
    assertThat(skipped.get("attempt_log").size()).isZero();
  }
}
