package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class TemplatesApiTest extends HeraldTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @Autowired Templates templates;
  @Autowired Customers customers;
  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  private ProjectId projectId() {
    return projects.authenticate(api.appId(), api.appToken()).orElseThrow();
  }

  private void brand() {
    Api.Response r =
        api.put(
            "/v1/projects/current",
            Map.of(
                "brand",
                Map.of(
                    "name",
                    "Acme Shoes",
                    "address",
                    Map.of("line_1", "1 Main St", "city", "Lisbon", "country", "Portugal"))));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  private static HttpResponse<byte[]> fetch(String method, String url, String form)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    b.method(
        method,
        form == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(form));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theVariableCatalogCoversEveryTriggerOfTheDistributionCatalog() {
    JsonNode all = api.get("/v1/templates/variables").json();
    Set<String> withVariables = new HashSet<>();
    all.get("triggers").forEach(t -> withVariables.add(t.get("trigger_type").asString()));
    Set<String> distributionTriggers = new HashSet<>();
    api.get("/v1/distributions/catalog")
        .json()
        .get("triggers")
        .forEach(t -> distributionTriggers.add(t.get("type").asString()));
    assertThat(withVariables).containsAll(distributionTriggers);

    JsonNode paid = api.get("/v1/templates/variables?trigger_type=customer.order.paid").json();
    assertThat(paid.get("variables").findValuesAsString("path"))
        .contains("customer.name", "order.amount", "voucher.code", "qr_code", "unsubscribe_url")
        .doesNotContain("segment.name", "loyalty.tier");
    assertThat(api.get("/v1/templates/variables?trigger_type=nope").status()).isEqualTo(400);
  }

  @Test
  void anEmailPreviewRendersForARealCustomerWithTheirDataEscaped() {
    brand();
    String id =
        api.post(
                "/v1/customers",
                Map.of("source_id", "mal", "name", "<b>Mal</b>", "email", "mal@example.com"))
            .json()
            .get("id")
            .asString();
    Api.Response r =
        api.post(
            "/v1/templates/preview",
            Map.of(
                "channel",
                "email",
                "trigger_type",
                "customer.order.paid",
                "customer_id",
                id,
                "template",
                Map.of(
                    "subject", "Order {{order.source_id}} for {{customer.name}}",
                    "blocks",
                        List.of(
                            Map.of("type", "text", "html", "<p>Hi {{customer.name}}</p>"),
                            Map.of("type", "code", "show", "qr")),
                    "style", Map.of("code_images", "inline"))));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode p = r.json();
    assertThat(p.get("subject").asString()).isEqualTo("Order order-1001 for <b>Mal</b>");
    assertThat(p.get("html").asString())
        .contains("Hi &lt;b&gt;Mal&lt;/b&gt;")
        .contains("src=\"data:image/png;base64,")
        .contains("Acme Shoes")
        .contains("/public/unsubscribe/");
    assertThat(p.get("text").asString()).contains("Hi <b>Mal</b>").contains("Unsubscribe");
    assertThat(p.get("warnings").size()).isZero();
    assertThat(p.get("customer_id").asString()).isEqualTo(id);
  }

  @Test
  void aPreviewWithoutBrandDetailsWarnsThatEmailCannotGoLive() {
    Api.Response r =
        api.post(
            "/v1/templates/preview",
            Map.of(
                "channel",
                "email",
                "template",
                Map.of("subject", "Hi", "text", "Hello {{customer.name}}")));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("warnings").get(0).asString()).contains("brand");
    assertThat(r.json().get("text").asString()).contains("Hello Alice Example");
  }

  @Test
  void anSmsPreviewCountsItsSegments() {
    JsonNode gsm =
        api.post(
                "/v1/templates/preview",
                Map.of(
                    "channel", "sms",
                    "sample", Map.of("customer", Map.of("name", "Zoe")),
                    "template", Map.of("text", "Hi {{customer.name}}, code {{voucher.code}}")))
            .json();
    assertThat(gsm.get("text").asString()).isEqualTo("Hi Zoe, code SUMMER-7Q2X");
    assertThat(gsm.get("encoding").asString()).isEqualTo("GSM-7");
    assertThat(gsm.get("segments").asInt()).isEqualTo(1);

    JsonNode ucs =
        api.post(
                "/v1/templates/preview",
                Map.of(
                    "channel",
                    "sms",
                    "template",
                    Map.of("text", "Cześć {{customer.name}} 🎉 " + "x".repeat(60))))
            .json();
    assertThat(ucs.get("encoding").asString()).isEqualTo("UCS-2");
    assertThat(ucs.get("segments").asInt()).isEqualTo(2);
  }

  @Test
  void badTemplatesGetAClearBadRequest() {
    Map<String, Object> unknownVariable =
        Map.of(
            "channel", "email",
            "trigger_type", "customer.segment.entered",
            "template", Map.of("subject", "Order {{order.id}}", "text", "x"));
    Api.Response r = api.post("/v1/templates/preview", unknownVariable);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("key").asString()).isEqualTo("invalid_template");
    assertThat(r.json().get("details").asString())
        .isEqualTo(
            "template.subject uses unknown variable {{order.id}} (not available for trigger"
                + " customer.segment.entered); see GET /v1/templates/variables?trigger_type=customer.segment.entered");

    Api.Response malformed =
        api.post(
            "/v1/templates/preview",
            Map.of(
                "channel",
                "email",
                "template",
                Map.of(
                    "subject",
                    "x",
                    "blocks",
                    List.of(Map.of("type", "button", "label", "Go", "radius", "round")))));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("details").asString())
        .isEqualTo("template.blocks[0].href is required");

    Api.Response unknownBlock =
        api.post(
            "/v1/templates/preview",
            Map.of(
                "channel",
                "email",
                "template",
                Map.of("subject", "x", "blocks", List.of(Map.of("type", "carousel")))));
    assertThat(unknownBlock.status()).isEqualTo(400);
    assertThat(unknownBlock.json().get("details").asString())
        .startsWith("template.blocks[0].type must be one of");

    Api.Response script =
        api.post(
            "/v1/templates/preview",
            Map.of(
                "channel",
                "email",
                "template",
                Map.of(
                    "subject",
                    "x",
                    "html",
                    "<html><body><p>Hi</p><script>steal()</script></body></html>")));
    assertThat(script.status()).isEqualTo(400);
    assertThat(script.json().get("details").asString())
        .isEqualTo("template.html custom HTML may not contain <script>");

    assertThat(
            api.post(
                    "/v1/templates/preview",
                    Map.of("channel", "email", "customer_id", "cust_nope", "template", Map.of()))
                .status())
        .isEqualTo(404);
    assertThat(api.post("/v1/templates/preview", Map.of("channel", "fax")).status()).isEqualTo(400);
    assertThat(api.post("/v1/templates/preview", "[1,2]").status()).isEqualTo(400);
  }

  @Test
  void aWebhookDesignWithAVariableTheTriggerDoesNotHaveCannotBeSaved() {
    Api.Response r =
        api.post(
            "/v1/distributions",
            Map.of(
                "name", "Bad design",
                "trigger", Map.of("type", "customer.custom_event", "custom_event", "x"),
                "action", Map.of("type", "plain_message"),
                "channels",
                    List.of(
                        Map.of(
                            "type", "webhook",
                            "url", "https://example.com/hook",
                            "event_name", "x",
                            "payload", Map.of("segment", "{{segment.name}}")))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("details").asString())
        .contains("channels[0].payload", "{{segment.name}}");
    assertThat(api.get("/v1/distributions").json().get("distributions").size()).isZero();
  }

  @Test
  void codeImagesAreServedBehindSignedLinksAndDecodeToTheCode() throws Exception {
    String url = templates.codeImageUrl(projectId(), "SIGNED-42", true);
    HttpResponse<byte[]> png = fetch("GET", url, null);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
    assertThat(png.headers().firstValue("cache-control").orElse("")).contains("immutable");
    assertThat(CodeImagesTest.decode(png.body())).isEqualTo("SIGNED-42");

    HttpResponse<byte[]> svg = fetch("GET", url.replace(".png", ".svg"), null);
    assertThat(svg.headers().firstValue("content-type").orElse("")).startsWith("image/svg+xml");

    String barcode = templates.codeImageUrl(projectId(), "SIGNED-42", false);
    assertThat(CodeImagesTest.decode(fetch("GET", barcode, null).body())).isEqualTo("SIGNED-42");

    int at = url.indexOf("/codes/") + 12;
    char flipped = url.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = url.substring(0, at) + flipped + url.substring(at + 1);
    assertThat(fetch("GET", tampered, null).statusCode()).isEqualTo(404);
    assertThat(fetch("GET", anonymous().base() + "/public/codes/SIGNED-42.png", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void theUnsubscribeLinkAsksFirstAndOneClickReallyUnsubscribes() throws Exception {
    String id = api.post("/v1/customers", Map.of("source_id", "uma")).json().get("id").asString();
    String url = templates.unsubscribeUrl(projectId(), id, "msg_test");

    HttpResponse<byte[]> page = fetch("GET", url, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(new String(page.body())).contains("<form method=\"post\"");
    assertThat(customers.get(projectId(), id).unsubscribed())
        .as("opening it changes nothing")
        .isFalse();

    HttpResponse<byte[]> oneClick = fetch("POST", url, "List-Unsubscribe=One-Click");
    assertThat(oneClick.statusCode()).isEqualTo(200);
    assertThat(customers.get(projectId(), id).unsubscribed()).isTrue();
    assertThat(fetch("POST", url, "List-Unsubscribe=One-Click").statusCode())
        .as("again is fine")
        .isEqualTo(200);
  }

  @Test
  void aPreviewsUnsubscribeLinkChangesNothing() throws Exception {
    brand();
    String id = api.post("/v1/customers", Map.of("source_id", "pat")).json().get("id").asString();
    String html =
        api.post(
                "/v1/templates/preview",
                Map.of(
                    "channel",
                    "email",
                    "customer_id",
                    id,
                    "template",
                    Map.of("subject", "x", "text", "y")))
            .json()
            .get("html")
            .asString();
    int start = html.indexOf("http://localhost:" + port + "/public/unsubscribe/");
    String url = html.substring(start, html.indexOf('"', start));
    HttpResponse<byte[]> done = fetch("POST", url, "List-Unsubscribe=One-Click");
    assertThat(new String(done.body())).contains("preview");
    assertThat(customers.get(projectId(), id).unsubscribed()).isFalse();
  }

  @Test
  void theCustomerCarriesASignedCockpitLinkToTheirOwnPage() throws Exception {
    JsonNode customer =
        api.post("/v1/customers", Map.of("source_id", "coco", "name", "Coco <3")).json();
    String url = customer.at("/assets/cockpit_url").asString();
    assertThat(url).startsWith("http://localhost:" + port + "/public/cockpit/");
    assertThat(api.get("/v1/customers/coco").json().at("/assets/cockpit_url").asString())
        .isEqualTo(url);

    HttpResponse<byte[]> page = fetch("GET", url, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(new String(page.body())).contains("Hi Coco &lt;3").doesNotContain("Coco <3");
    assertThat(page.headers().firstValue("cache-control")).hasValue("no-store");

    Api other = newProject();
    String foreign =
        other
            .post("/v1/customers", Map.of("source_id", "coco"))
            .json()
            .at("/assets/cockpit_url")
            .asString();
    assertThat(foreign).isNotEqualTo(url);
    assertThat(fetch("GET", url + "x", null).statusCode()).isEqualTo(404);
  }

  @Test
  void queuedMessagesKeepTheTemplateVersionTheyWereQueuedWith() throws Exception {
    try (mockwebserver3.MockWebServer receiver = new mockwebserver3.MockWebServer()) {
      receiver.start();
      receiver.enqueue(new mockwebserver3.MockResponse.Builder().code(500).build());
      receiver.enqueue(new mockwebserver3.MockResponse.Builder().code(200).build());
      receiver.enqueue(new mockwebserver3.MockResponse.Builder().code(200).build());
      Map<String, Object> channel =
          Map.of(
              "type",
              "webhook",
              "url",
              receiver.url("/v").toString(),
              "event_name",
              "versioned",
              "payload",
              Map.of("version", "one {{customer.name}}"),
              "raw_payload",
              true);
      JsonNode created =
          api.post(
                  "/v1/distributions",
                  Map.of(
                      "name", "Versioned",
                      "trigger", Map.of("type", "customer.custom_event", "custom_event", "ver"),
                      "action", Map.of("type", "plain_message"),
                      "channels", List.of(channel)))
              .json();
      String d = created.get("id").asString();
      String channelId = created.at("/channels/0/id").asString();
      String templateId = created.at("/channels/0/template_id").asString();
      assertThat(templateId).startsWith("tpl_");
      assertThat(created.at("/channels/0/template_version").asInt()).isEqualTo(1);
      assertThat(api.post("/v1/distributions/" + d + "/send", null).status()).isEqualTo(200);

      api.post(
          "/v1/events",
          Map.of("event", "ver", "customer", Map.of("source_id", "v1", "name", "Vi")));
      assertThat(Api.parse(receiver.takeRequest().getBody().utf8()).get("version").asString())
          .isEqualTo("one Vi");
      await()
          .untilAsserted(
              () ->
                  assertThat(
                          api.get("/v1/distributions/" + d + "/messages")
                              .json()
                              .at("/messages/0/status")
                              .asString())
                      .isEqualTo("RETRY_SCHEDULED"));

      assertThat(api.post("/v1/distributions/" + d + "/pause", null).status()).isEqualTo(200);
      Api.Response edited =
          api.put(
              "/v1/distributions/" + d,
              Map.of(
                  "channels",
                  List.of(
                      Map.of(
                          "id",
                          channelId,
                          "type",
                          "webhook",
                          "url",
                          receiver.url("/v").toString(),
                          "event_name",
                          "versioned",
                          "payload",
                          Map.of("version", "two {{customer.name}}"),
                          "raw_payload",
                          true))));
      assertThat(edited.status()).as(edited.text()).isEqualTo(200);
      assertThat(edited.json().at("/channels/0/template_id").asString()).isEqualTo(templateId);
      assertThat(edited.json().at("/channels/0/template_version").asInt()).isEqualTo(2);
      assertThat(api.post("/v1/distributions/" + d + "/resume", null).status()).isEqualTo(200);

      clock.advance(Duration.ofMinutes(1));
      assertThat(Api.parse(receiver.takeRequest().getBody().utf8()).get("version").asString())
          .as("the retry renders the version the message was queued with")
          .isEqualTo("one Vi");

      api.post(
          "/v1/events",
          Map.of("event", "ver", "customer", Map.of("source_id", "v2", "name", "Wu")));
      assertThat(Api.parse(receiver.takeRequest().getBody().utf8()).get("version").asString())
          .isEqualTo("two Wu");

      JsonNode versions = api.get("/v1/templates/" + templateId + "/versions").json();
      assertThat(versions.get("versions").valueStream().map(v -> v.get("version").asInt()))
          .containsExactly(2, 1);
      assertThat(newProject().get("/v1/templates/" + templateId + "/versions").status())
          .isEqualTo(404);
    }
  }
}
