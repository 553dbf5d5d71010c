package dev.herald;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Project A's keys never see, change or use project B's data, on every endpoint. */
class TenancyTest extends HeraldTest {

  private Api a;
  private Api b;
  private String customerOfB;
  private String distributionOfB;

  @BeforeEach
  void twoProjects() {
    a = newProject();
    b = newProject();
    customerOfB =
        b.post("/v1/customers", Map.of("source_id", "b-only", "name", "Bee"))
            .json()
            .get("id")
            .asString();
    distributionOfB =
        b.post(
                "/v1/distributions",
                Map.of(
                    "name", "B's",
                    "trigger", Map.of("type", "customer.custom_event", "custom_event", "x"),
                    "action", Map.of("type", "plain_message"),
                    "channels",
                        List.of(
                            Map.of(
                                "type",
                                "webhook",
                                "url",
                                "http://localhost:1/h",
                                "event_name",
                                "e"))))
            .json()
            .get("id")
            .asString();
  }

  @Test
  void customersOfAnotherProjectAreNotFound() {
    for (String ref : List.of(customerOfB, "b-only")) {
      assertThat(a.get("/v1/customers/" + ref).status()).isEqualTo(404);
      assertThat(a.put("/v1/customers/" + ref, Map.of("name", "hijack")).status()).isEqualTo(404);
      assertThat(a.put("/v1/customers/" + ref + "/consents", Map.of("unsubscribed", true)).status())
          .isEqualTo(404);
      assertThat(a.get("/v1/customers/" + ref + "/activity").status()).isEqualTo(404);
      assertThat(a.delete("/v1/customers/" + ref).status()).isEqualTo(404);
    }
    assertThat(a.post("/v1/customers", Map.of("id", customerOfB, "name", "hijack")).status())
        .isEqualTo(404);
    assertThat(
            a.post("/v1/events", Map.of("event", "e", "customer", Map.of("id", customerOfB)))
                .status())
        .isEqualTo(404);
    assertThat(a.get("/v1/customers").json().get("total").asInt()).isZero();

    JsonNode untouched = b.get("/v1/customers/" + customerOfB).json();
    assertThat(untouched.get("name").asString()).isEqualTo("Bee");
    assertThat(b.get("/v1/customers/" + customerOfB + "/activity").json().get("data").size())
        .isEqualTo(1);
  }

  @Test
  void aSourceIdIsPerProject() {
    JsonNode mine = a.post("/v1/customers", Map.of("source_id", "b-only", "name", "Ay")).json();

    assertThat(mine.get("id").asString()).isNotEqualTo(customerOfB);
    assertThat(b.get("/v1/customers/b-only").json().get("name").asString()).isEqualTo("Bee");
  }

  @Test
  void distributionsOfAnotherProjectAreNotFound() {
    String path = "/v1/distributions/" + distributionOfB;
    assertThat(a.get(path).status()).isEqualTo(404);
    assertThat(a.put(path, Map.of("name", "hijack")).status()).isEqualTo(404);
    for (String action : List.of("send", "pause", "resume")) {
      assertThat(a.post(path + "/" + action, null).status()).isEqualTo(404);
    }
    assertThat(a.get(path + "/messages").status()).isEqualTo(404);
    assertThat(a.delete(path).status()).isEqualTo(404);
    assertThat(a.get("/v1/distributions").json().get("distributions").size()).isZero();
    assertThat(b.get(path).json().get("status").asString()).isEqualTo("DRAFT");
  }

  @Test
  void eachProjectSeesOnlyItsOwnSettings() {
    JsonNode projectA = a.get("/v1/projects/current").json();
    JsonNode projectB = b.get("/v1/projects/current").json();

    assertThat(projectA.get("id")).isNotEqualTo(projectB.get("id"));
    assertThat(projectA.get("webhook_secret")).isNotEqualTo(projectB.get("webhook_secret"));
    a.put("/v1/projects/current", Map.of("name", "A renamed"));
    assertThat(b.get("/v1/projects/current").json().get("name").asString()).isEqualTo("test");
  }

  @Test
  void anEventInOneProjectNeverFiresAnotherProjectsDistribution() {
    b.post("/v1/distributions/" + distributionOfB + "/send", null);

    a.post("/v1/events", Map.of("event", "x", "customer", Map.of("source_id", "b-only")));

    assertThat(
            b.get("/v1/distributions/" + distributionOfB + "/messages")
                .json()
                .get("messages")
                .size())
        .isZero();
  }
}
