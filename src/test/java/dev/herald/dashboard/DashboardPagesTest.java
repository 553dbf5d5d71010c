package dev.herald.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's pages over HTTP: analytics numbers, the campaign view, the progress fragment, the
 * error pages, and that bad input changes nothing.
 */
class DashboardPagesTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired DashboardUsers users;
  private Api api;
  private WebSession web;

  @BeforeEach
  void signIn() {
    api = newProject();
    for (int i = 0; i < 5; i++) {
      receiver.enqueue(new MockResponse.Builder().code(200).build());
    }
    String email = "p-" + UUID.randomUUID() + "@example.com";
    users.create(
        new ProjectId(api.get("/v1/projects/current").json().get("id").asString()),
        email,
        null,
        "correct horse battery");
    web = new WebSession("http://localhost:" + port);
    web.signIn(email, "correct horse battery");
  }

  private String liveWebhookDistribution(String campaign) {
    return Fixtures.sendDistribution(
        api,
        Fixtures.automatic(
            "Paid order code",
            Map.of("type", "customer.order.paid"),
            Map.of("type", "publish_code", "campaign_id", campaign),
            List.of(Fixtures.webhook(receiver.url("/hook").toString()))));
  }

  private String campaign() {
    return Fixtures.campaign(api, "Codes", "AUTO_UPDATE", 0).get("id").asString();
  }

  private JsonNode chart(String id) {
    HttpResponse<String> r = web.get("/dashboard/distributions/" + id + "/analytics.json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Api.parse(r.body());
  }

  @Test
  void analyticsCountDeliveredMessagesPublishedAndRedeemedCodes() {
    String campaign = Fixtures.campaign(api, "Paid", "AUTO_UPDATE", 0).get("id").asString();
    String id = liveWebhookDistribution(campaign);
    assertThat(chart(id).get("total_sent").asLong()).isZero();

    api.post(
        "/v1/orders",
        Map.of(
            "source_id",
            "o1",
            "status",
            "PAID",
            "amount",
            100,
            "customer",
            Map.of("source_id", "ann")));
    await().untilAsserted(() -> assertThat(chart(id).get("total_sent").asLong()).isEqualTo(1));
    JsonNode chart = chart(id);
    assertThat(chart.get("x")).hasSize(7);
    assertThat(chart.at("/series/0/label").asString()).isEqualTo("webhook sent");
    // code counts follow the event log (analytics.CodeAttribution), a moment after the delivery
    await().untilAsserted(() -> assertThat(chart(id).at("/codes/published").asLong()).isEqualTo(1));
    assertThat(chart(id).at("/codes/redeemed").asLong()).isZero();

    String code =
        api.get("/v1/distributions/" + id + "/messages").json().findValues("voucher_code").stream()
            .filter(JsonNode::isString)
            .findFirst()
            .orElseThrow()
            .asString();
    Api.Response redeemed =
        api.post(
            "/v1/redemptions",
            Map.of(
                "redeemables", List.of(Map.of("object", "voucher", "id", code)),
                "customer", Map.of("source_id", "ann"),
                "order", Map.of("amount", 5000)));
    assertThat(redeemed.status()).as(redeemed.text()).isEqualTo(200);
    await().untilAsserted(() -> assertThat(chart(id).at("/codes/redeemed").asLong()).isEqualTo(1));
    // the redemption's order is paid too, so the distribution publishes a second code
    await().untilAsserted(() -> assertThat(chart(id).at("/codes/published").asLong()).isEqualTo(2));
    assertThat(chart(id).at("/codes/redeemed").asLong()).isEqualTo(1);
    assertThat(chart(id).at("/codes/rate").asString()).isEqualTo("50.0%");

    String page = web.open("/dashboard/distributions/" + id + "?tab=analytics&range=24h").body();
    assertThat(page).contains("webhook sent", "50.0%", "Last 24 hours");
    String campaignPage = web.open("/dashboard/campaigns/" + campaign).body();
    assertThat(campaignPage).contains("Paid order code", "50.0%");
    assertThat(web.open("/dashboard/campaigns").body()).contains("Paid");
  }

  @Test
  void aScheduledSendShowsItsCountdownAndThenItsProgress() {
    String customer =
        api.post("/v1/customers", Map.of("source_id", "solo")).json().get("id").asString();
    String id = codeToOne(customer, "One customer");
    String scheduled = web.get("/dashboard/distributions/" + id + "/progress").body();
    assertThat(scheduled).contains("id=\"countdown\"", "10:00", "hx-trigger=\"every 1s\"", "Stop");

    clock.advance(Duration.ofMinutes(10));
    await()
        .untilAsserted(
            () ->
                assertThat(web.get("/dashboard/distributions/" + id + "/progress").body())
                    .contains("id=\"progress-finished\""));
    String done = web.get("/dashboard/distributions/" + id + "/progress").body();
    assertThat(done).contains("<progress id=\"progress-bar\" max=\"1\" value=\"1\"");
    assertThat(done).doesNotContain("hx-trigger");
  }

  @Test
  void editingAScheduledSendInItsWindowKeepsItsSendTime() {
    String customer =
        api.post("/v1/customers", Map.of("source_id", "edit")).json().get("id").asString();
    String id = codeToOne(customer, "Before");
    String sendAt = api.get("/v1/distributions/" + id).json().get("send_at").asString();
    clock.advance(Duration.ofMinutes(3));

    web.get("/dashboard/distributions/" + id + "/edit/trigger");
    HttpResponse<String> step =
        web.post(
            "/dashboard/distributions/" + id + "/edit/trigger",
            Map.of(
                "name",
                "After",
                "trigger_type",
                "manual",
                "audience_kind",
                "customer",
                "audience.customer",
                customer,
                "go",
                "next"));
    assertThat(WebSession.location(step)).endsWith("/edit/action");
    String summary = web.open("/dashboard/distributions/" + id + "/edit/summary").body();
    assertThat(summary).contains("Save changes (keeps the send time)");
    HttpResponse<String> saved =
        web.post("/dashboard/distributions/" + id + "/edit/summary", Map.of("go", "send"));
    assertThat(WebSession.location(saved)).endsWith("/dashboard/distributions/" + id);

    JsonNode d = api.get("/v1/distributions/" + id).json();
    assertThat(d.get("name").asString()).isEqualTo("After");
    assertThat(d.get("status").asString()).isEqualTo("SCHEDULED");
    assertThat(d.get("send_at").asString()).isEqualTo(sendAt);
    assertThat(web.get("/dashboard/distributions/" + id + "/progress").body()).contains("7:00");
  }

  @Test
  void stoppingAfterTheSendStartedShowsAConflictPageAndSendsAnyway() {
    String customer =
        api.post("/v1/customers", Map.of("source_id", "late")).json().get("id").asString();
    String id = codeToOne(customer, "Too late");
    web.open("/dashboard/distributions/" + id);
    clock.advance(Duration.ofMinutes(10));
    await()
        .untilAsserted(
            () ->
                assertThat(api.get("/v1/distributions/" + id).json().get("status").asString())
                    .isEqualTo("SENT"));
    HttpResponse<String> r = web.post("/dashboard/distributions/" + id + "/cancel", Map.of());
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("Not possible right now", "Back to distributions");
  }

  @Test
  void theListFindsADistributionByItsNameOrItsEmailSubject() {
    api.post(
        "/v1/distributions",
        Map.of(
            "name",
            "Birthday wishes",
            "channels",
            List.of(
                Map.of(
                    "type",
                    "email",
                    "template",
                    Map.of(
                        "subject",
                        "A spring surprise",
                        "blocks",
                        List.of(Map.of("type", "text", "html", "<p>Hi</p>")))))));
    api.post("/v1/distributions", Map.of("name", "Winter note"));
    api.post("/v1/distributions", Map.of("name", "Springtime"));

    String bySubject = web.open("/dashboard/distributions?name=spring").body();
    assertThat(bySubject).contains("Birthday wishes", "Springtime").doesNotContain("Winter note");
    String byName = web.open("/dashboard/distributions?name=winter").body();
    assertThat(byName).contains("Winter note").doesNotContain("Birthday wishes");
  }

  @Test
  void theTriggerStepOffersThePickersTheCatalogNamesForTheTrigger() {
    Api.Response club =
        api.post(
            "/v1/loyalties",
            Map.of(
                "name",
                "Club",
                "type",
                "AUTO_UPDATE",
                "vouchers_count",
                0,
                "voucher",
                Map.of("type", "LOYALTY_CARD", "loyalty_card", Map.of("points", 0))));
    assertThat(club.status()).as(club.text()).isEqualTo(200);
    Api.Response tiers =
        api.post(
            "/v1/loyalties/Club/tiers",
            List.of(Map.of("name", "Silver", "points", Map.of("from", 100, "to", 499))));
    assertThat(tiers.status()).as(tiers.text()).isEqualTo(200);

    String tierScope =
        web.get("/dashboard/wizard/scope?trigger_type=customer.loyalty.tier.upgraded").body();
    assertThat(tierScope)
        .contains("Loyalty campaign", "Loyalty tier (optional)", ">Club<", "Club · Silver");
    String manual = web.get("/dashboard/wizard/scope?trigger_type=manual").body();
    assertThat(manual).contains("id=\"audience-segment-id\"", "id=\"audience-customer-id\"");
    String segment =
        web.get("/dashboard/wizard/scope?trigger_type=customer.segment.entered").body();
    assertThat(segment).contains("Include customers already in the segment", "Add segment");
  }

  @Test
  void unknownPagesAndBadFiltersGetReadableErrorPages() {
    HttpResponse<String> missing = web.get("/dashboard/distributions/distr_nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(missing.body()).contains("<h1>Not found</h1>");

    HttpResponse<String> badStatus = web.get("/dashboard/distributions?status=NOPE");
    assertThat(badStatus.statusCode()).isEqualTo(400);
    assertThat(badStatus.body()).contains("Unknown status NOPE");
    assertThat(web.get("/dashboard/distributions?from=yesterday").statusCode()).isEqualTo(400);
    assertThat(web.get("/dashboard/campaigns/camp_nope").statusCode()).isEqualTo(404);

    String id = api.post("/v1/distributions", Map.of("name", "x")).json().get("id").asString();
    assertThat(web.get("/dashboard/distributions/" + id + "?tab=secrets").statusCode())
        .isEqualTo(404);
    assertThat(web.get("/dashboard/distributions/" + id + "?tab=analytics&range=1y").statusCode())
        .isEqualTo(400);
    assertThat(web.get("/dashboard/distributions/" + id + "/edit/nowhere").statusCode())
        .isEqualTo(404);
  }

  @Test
  void aWizardStepWithBadInputShowsTheProblemAndSavesNothing() {
    web.get("/dashboard/distributions/new");
    HttpResponse<String> r =
        web.post(
            "/dashboard/distributions/new",
            Map.of("name", "Bad", "trigger_type", "customer.no_such_thing", "go", "next"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("id=\"wizard-error\"");
    assertThat(api.get("/v1/distributions").json().get("distributions")).isEmpty();
  }

  /** A manual send of a code to one customer, scheduled (10 minutes from now). */
  private String codeToOne(String customer, String name) {
    return Fixtures.sendDistribution(
        api,
        Fixtures.manual(
            name,
            Map.of("customer", customer),
            Map.of("type", "publish_code", "campaign_id", campaign()),
            List.of(Fixtures.webhook(receiver.url("/hook").toString()))));
  }
}
