package dev.herald.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A marketer in headless Chromium: signs in, builds distributions step by step through the wizard,
 * watches the live pages update without reloading, reads the sandbox inbox. Screenshots of each
 * main page go to {@code target/screenshots/}. Skipped only when chromedriver is not installed
 * locally; CI ({@code .ci/run}) installs it, so there they always run.
 */
class DashboardBrowserTest extends HeraldTest {

  static final String PASSWORD = "correct horse battery";

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired DashboardUsers users;
  private Api api;
  private Browser b;

  @BeforeAll
  static void needsChromium() {
    assumeTrue(
        Browser.available(),
        "Browser tests skipped: /usr/bin/chromedriver or /usr/bin/chromium is not installed"
            + " (apt-get install -y chromium chromium-driver; .ci/run installs them on CI)");
  }

  @BeforeEach
  void signIn() {
    api = newProject();
    brand();
    for (int i = 0; i < 5; i++) {
      receiver.enqueue(new MockResponse.Builder().code(200).build());
    }
    String email = "mia-" + UUID.randomUUID() + "@example.com";
    users.create(project(), email, "Mia Marketer", PASSWORD);
    b = new Browser("http://localhost:" + port);
    b.open("/dashboard/distributions");
    assertThat(b.path()).isEqualTo("/dashboard/login");
    b.screenshot("01-sign-in");
    b.type("email", email);
    b.type("password", PASSWORD);
    b.click(By.cssSelector("main button[type=submit]"));
    await().until(() -> b.path().equals("/dashboard/distributions"));
    assertThat(b.text(By.cssSelector("header .user"))).isEqualTo("Mia Marketer");
  }

  @AfterEach
  void closeBrowser() {
    if (b != null) {
      b.close();
    }
  }

  @Test
  void buildsACartDistributionStepByStepAndWatchsItWorkLive() {
    String campaign = Fixtures.campaign(api, "Thanks", "AUTO_UPDATE", 0).get("id").asString();

    // step 1, trigger: search, pick "Order paid", save a draft midway
    b.click("create-distribution");
    b.type("name", "Thank-you code");
    b.type("trigger-search", "order paid");
    await().until(() -> !b.driver.findElement(By.id("trigger-manual")).isDisplayed());
    b.click("trigger-customer.order.paid");
    await().until(() -> b.text(By.cssSelector("#scope h2")).equals("Conditions"));
    b.screenshot("02-wizard-trigger");
    b.click("save-draft");
    await().until(() -> b.path().equals("/dashboard/distributions"));
    assertThat(b.text(By.cssSelector(".notice"))).contains("Draft saved");
    assertThat(b.text(By.id("distributions-table"))).contains("Thank-you code", "Draft");
    b.screenshot("03-distributions-list");

    // ... and come back to it
    b.click(By.linkText("Edit"));
    assertThat(b.id("name").getAttribute("value")).isEqualTo("Thank-you code");
    assertThat(b.driver.findElement(By.id("trigger-customer.order.paid")).isSelected()).isTrue();
    b.click("next-step");

    // step 2, action: publish a code of the campaign
    b.click("action-publish_code");
    b.select(By.name("action.publish_code.campaign_id"), "Thanks");
    b.screenshot("04-wizard-action");
    b.click("next-step");

    // step 3, channels: email (block editor, live preview) and webhook
    b.click("channel-email");
    b.click("channel-webhook");
    b.type("webhook-url", receiver.url("/hooks/herald").toString());
    b.type("webhook-event", "code_published");
    b.el(By.cssSelector("#email-preview iframe"));
    b.screenshot("05-wizard-channels");
    b.click("next-step");

    // step 4, summary with the dry run; set live
    assertThat(b.text(By.id("summary-lines"))).isNotBlank();
    assertThat(b.id("dry-run").getText()).contains("Codes");
    b.screenshot("06-wizard-summary");
    b.click("save-send");
    await().until(() -> b.text(By.id("status")).equals("Set live"));
    String id = b.path().substring(b.path().lastIndexOf('/') + 1);
    b.screenshot("07-overview-details");

    // the activity feed in this tab, the analytics chart in a second one; both live
    b.click("tab-activity");
    awaitLive();
    b.markDocument();
    String activityWindow = b.driver.getWindowHandle();
    b.driver.switchTo().newWindow(WindowType.TAB);
    b.open("/dashboard/distributions/" + id + "?tab=analytics");
    awaitLive();
    b.markDocument();
    assertThat(b.id("messages-chart").getAttribute("data-total-sent")).isEqualTo("0");

    payOrder("olivia", "olivia@example.com");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(b.id("messages-chart").getAttribute("data-total-sent")).isEqualTo("2"));
    // code counts follow the event log a moment later; the page redraws once more when settled
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(b.text(By.id("codes-published"))).isEqualTo("1"));
    assertThat(b.all(By.cssSelector("#messages-chart .chart-area canvas"))).isNotEmpty();
    assertThat(b.sameDocument()).as("the chart updated without a reload").isTrue();
    b.screenshot("08-overview-analytics");

    b.driver.switchTo().window(activityWindow);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(b.text(By.cssSelector("#activity-feed ol")))
                    .contains("customer.publication.succeeded", "distribution.messages.queued"));
    assertThat(b.all(By.cssSelector("#activity-feed li.live"))).isNotEmpty();
    assertThat(b.sameDocument()).as("the feed updated without a reload").isTrue();
    b.screenshot("09-overview-activity");

    b.click("tab-audience");
    assertThat(b.text(By.id("audience-table"))).contains("DELIVERED");
    // the code column shows the code each recipient was sent
    assertThat(b.all(By.cssSelector("#audience-table tbody td:nth-child(2)")))
        .isNotEmpty()
        .allSatisfy(code -> assertThat(code.getText()).isNotBlank().isNotEqualTo("—"));
    b.screenshot("10-overview-audience");

    // the email, as the customer sees it
    b.open("/dashboard/sandbox");
    assertThat(b.text(By.id("inbox-list"))).contains("olivia@example.com");
    assertThat(b.text(By.id("inbox-subject"))).contains("Your code");
    b.driver.switchTo().frame(b.id("inbox-frame"));
    assertThat(b.text(By.tagName("body"))).contains("HRLD-");
    b.driver.switchTo().defaultContent();
    b.screenshot("11-sandbox-inbox");

    // the campaign's Distributions tab
    b.open("/dashboard/campaigns/" + campaign);
    assertThat(b.text(By.cssSelector("#campaign-distributions td.published"))).isEqualTo("1");
    assertThat(b.text(By.cssSelector("#campaign-distributions td.delivered"))).isEqualTo("2");
    assertThat(b.text(By.cssSelector("#campaign-distributions td.rate"))).isEqualTo("0.0%");
    b.screenshot("12-campaign-distributions");
  }

  @Test
  void stopsAManualSendInItsCountdownThenWatchesAnotherOneFinish() {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("vera", "victor", "vivian")) {
      ids.add(
          api.post(
                  "/v1/customers",
                  Map.of("source_id", name, "name", name, "email", name + "@example.com"))
              .json()
              .get("id")
              .asString());
    }
    Api.Response segment =
        api.post("/v1/segments", Map.of("name", "VIPs", "type", "static", "customers", ids));
    assertThat(segment.status()).as(segment.text()).isEqualTo(200);

    manualSegmentSend("Weekend note");
    assertThat(b.text(By.id("status"))).isEqualTo("Scheduled");
    assertThat(b.text(By.id("countdown"))).matches("\\d+:\\d\\d");
    assertThat(b.id("progress").getText()).contains("Edit");
    b.screenshot("13-manual-countdown");
    b.click("stop");
    await().until(() -> b.text(By.id("status")).equals("Canceled"));
    assertThat(b.text(By.id("stopped"))).contains("nothing was sent");

    manualSegmentSend("Weekend note, again");
    b.markDocument();
    clock.advance(Duration.ofMinutes(10));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(b.id("progress-finished").isDisplayed()).isTrue());
    assertThat(b.text(By.id("progress-done"))).isEqualTo("3");
    assertThat(b.text(By.id("progress-total"))).isEqualTo("3");
    assertThat(b.id("progress-bar").getAttribute("value")).isEqualTo("3");
    assertThat(b.text(By.id("status"))).isEqualTo("Sent");
    assertThat(b.sameDocument()).as("the progress bar updated without a reload").isTrue();
    b.screenshot("14-manual-progress-finished");
  }

  private void manualSegmentSend(String name) {
    b.open("/dashboard/distributions");
    b.click("create-distribution");
    b.type("name", name);
    b.click("trigger-manual");
    b.click("audience-segment");
    b.select(By.id("audience-segment-id"), "VIPs");
    b.click("next-step");
    b.click("action-plain_message");
    b.click("next-step");
    b.click("channel-email");
    // the plain message has no code: remove the code block in the editor
    b.click(By.cssSelector("button[value='block_remove:1']"));
    await().until(() -> b.all(By.cssSelector("#email-editor li.block")).size() == 1);
    b.click("next-step");
    assertThat(b.text(By.id("dry-recipients"))).isEqualTo("3");
    b.click("save-send");
    await().until(() -> b.path().matches("/dashboard/distributions/[^/]+"));
  }

  private void awaitLive() {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> b.text(By.cssSelector("[data-stream-status]")).equals("Live"));
  }

  private void payOrder(String customer, String email) {
    Api.Response paid =
        api.post(
            "/v1/orders",
            Map.of(
                "source_id",
                "order-" + customer,
                "status",
                "PAID",
                "amount",
                5000,
                "customer",
                Map.of("source_id", customer, "name", "Olivia", "email", email)));
    assertThat(paid.status()).as(paid.text()).isEqualTo(200);
  }

  private void brand() {
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
  }

  private ProjectId project() {
    return new ProjectId(api.get("/v1/projects/current").json().get("id").asString());
  }
}
