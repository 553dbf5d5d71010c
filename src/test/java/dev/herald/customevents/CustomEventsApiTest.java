package dev.herald.customevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class CustomEventsApiTest extends HeraldTest {

  @Autowired CustomEvents customEvents;
  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  @Test
  void tracksAnEventAndUpsertsItsCustomer() {
    Api.Response r =
        api.post(
            "/v1/events",
            Map.of(
                "event", "signed_up",
                "customer", Map.of("source_id", "ev-1", "name", "Eve", "email", "eve@example.com"),
                "metadata", Map.of("plan", "pro", "seats", 3),
                "referral", Map.of("code", "REF-1", "referrer_id", "cust_x")));

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("object").asString()).isEqualTo("event");
    assertThat(body.get("type").asString()).isEqualTo("signed_up");
    assertThat(body.at("/customer/source_id").asString()).isEqualTo("ev-1");
    assertThat(body.at("/customer/object").asString()).isEqualTo("customer");
    assertThat(body.at("/metadata/seats").asInt()).isEqualTo(3);
    assertThat(body.at("/referral/code").asString()).isEqualTo("REF-1");
    assertThat(body.get("loyalty").isNull()).isTrue();

    JsonNode customer = api.get("/v1/customers/ev-1").json();
    assertThat(customer.get("email").asString()).isEqualTo("eve@example.com");
    JsonNode activity = api.get("/v1/customers/ev-1/activity").json().get("data");
    assertThat(activity.get(0).get("type").asString()).isEqualTo("customer.custom_event");
    assertThat(activity.get(0).at("/data/event/type").asString()).isEqualTo("signed_up");
    assertThat(activity.get(0).at("/data/event/metadata/plan").asString()).isEqualTo("pro");
    assertThat(activity.get(0).at("/data/customer/id").asString())
        .isEqualTo(customer.get("id").asString());
    assertThat(activity.get(1).get("type").asString()).isEqualTo("customer.created");
  }

  @Test
  void countsEventsPerCustomerAndName() {
    for (int i = 0; i < 3; i++) {
      api.post("/v1/events", Map.of("event", "login", "customer", Map.of("source_id", "cnt")));
    }
    api.post("/v1/events", Map.of("event", "logout", "customer", Map.of("source_id", "cnt")));
    JsonNode customer = api.get("/v1/customers/cnt").json();
    var project = projects.authenticate(api.appId(), api.appToken()).orElseThrow();

    assertThat(customEvents.count(project, customer.get("id").asString(), "login")).isEqualTo(3);
    assertThat(customEvents.count(project, customer.get("id").asString(), "logout")).isEqualTo(1);
    assertThat(customEvents.count(project, customer.get("id").asString(), "never")).isZero();
  }

  @Test
  void rejectsEventsWithoutNameOrCustomerAndStoresNothing() {
    assertThat(api.post("/v1/events", Map.of("customer", Map.of("source_id", "x"))).status())
        .isEqualTo(400);
    assertThat(api.post("/v1/events", Map.of("event", "e")).status()).isEqualTo(400);
    assertThat(api.post("/v1/events", Map.of("event", "e", "customer", Map.of())).status())
        .isEqualTo(400);
    assertThat(
            api.post("/v1/events", Map.of("event", 5, "customer", Map.of("source_id", "x")))
                .status())
        .isEqualTo(400);
    assertThat(
            api.post(
                    "/v1/events",
                    Map.of("event", "e", "customer", Map.of("source_id", "x"), "metadata", 1))
                .status())
        .isEqualTo(400);
    assertThat(
            api.post("/v1/events", Map.of("event", "e", "customer", Map.of("id", "cust_missing")))
                .status())
        .isEqualTo(404);
    assertThat(api.get("/v1/customers").json().get("total").asInt()).isZero();
  }
}
