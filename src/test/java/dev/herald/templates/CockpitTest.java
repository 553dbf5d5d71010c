package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.messaging.NewMessage;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

class CockpitTest extends HeraldTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired Messaging messaging;

  private static String get(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void theCockpitShowsTheCodesBalancesAndPointsTheCustomerWasSent() throws Exception {
    Api api = newProject();
    ProjectId project = projects.authenticate(api.appId(), api.appToken()).orElseThrow();
    String customer =
        api.post("/v1/customers", Map.of("source_id", "wally", "name", "Wally"))
            .json()
            .get("id")
            .asString();
    String distribution =
        api.post(
                "/v1/distributions",
                Map.of(
                    "name",
                    "Wallet",
                    "channels",
                    List.of(
                        Map.of(
                            "type", "webhook",
                            "url", receiver.url("/w").toString(),
                            "event_name", "w"))))
            .json()
            .get("id")
            .asString();
    Channel channel = messaging.channels(project, distribution).get(0);
    ObjectNode discount = SampleData.discountVoucher();
    discount.put("code", "WALLET-10");
    ObjectNode gift = SampleData.giftVoucher();
    ObjectNode card = SampleData.loyaltyCard();
    int n = 0;
    for (ObjectNode voucher : List.of(discount, gift, card)) {
      ObjectNode context = Json.object();
      context.set("event", Json.object());
      context.set("data", Json.object().set("voucher", voucher));
      messaging.enqueue(
          new NewMessage(
              project,
              distribution,
              channel,
              customer,
              "evt_" + n++,
              context,
              voucher.get("code").asString(),
              null));
    }

    String url = api.get("/v1/customers/" + customer).json().at("/assets/cockpit_url").asString();
    String page = get(url);
    assertThat(page)
        .contains("Hi Wally")
        .contains("Your codes")
        .contains("WALLET-10")
        .contains("10% off")
        .contains("Gift cards")
        .contains("GIFT-9KD3")
        .contains("75.00")
        .contains("Loyalty")
        .contains("LOYAL-4F7H")
        .contains("450 points")
        .contains("Valid until 2026-12-31");
    Matcher qr =
        Pattern.compile("src=\"([^\"]+/public/codes/[^\"]+\\.png)\" alt=\"QR code WALLET-10\"")
            .matcher(page);
    assertThat(qr.find()).isTrue();
    byte[] png =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(qr.group(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body();
    assertThat(CodeImagesTest.decode(png)).isEqualTo("WALLET-10");
  }
}
