package dev.herald.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CustomersApiTest extends HeraldTest {

  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  @Test
  void createsACustomerInVoucherifyShape() {
    Api.Response r =
        api.post(
            "/v1/customers",
            Map.of(
                "source_id", "alice",
                "name", "Alice",
                "email", "alice@example.com",
                "birthdate", "1990-04-02",
                "address", Map.of("city", "Warsaw", "country", "PL"),
                "metadata", Map.of("tier", "gold", "age", 33)));

    assertThat(r.status()).isEqualTo(200);
    JsonNode c = r.json();
    assertThat(c.get("id").asString()).startsWith("cust_");
    assertThat(c.get("object").asString()).isEqualTo("customer");
    assertThat(c.get("source_id").asString()).isEqualTo("alice");
    assertThat(c.get("birthdate").asString()).isEqualTo("1990-04-02");
    assertThat(c.get("birthday").asString()).isEqualTo("1990-04-02");
    assertThat(c.at("/address/city").asString()).isEqualTo("Warsaw");
    assertThat(c.at("/address/line_1").isNull()).isTrue();
    assertThat(c.at("/metadata/age").asInt()).isEqualTo(33);
    assertThat(c.at("/summary/orders/total_count").asInt()).isZero();
    assertThat(c.at("/loyalty/points").asInt()).isZero();
    assertThat(c.at("/referrals/total").asInt()).isZero();
    assertThat(c.get("created_at").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(c.get("updated_at").isNull()).isTrue();
  }

  /** Creates a customer with a source id and a name; returns its id. */
  private String created(String sourceId, String name) {
    return api.post("/v1/customers", Map.of("source_id", sourceId, "name", name))
        .json()
        .get("id")
        .asString();
  }

  @Test
  void postWithAKnownSourceIdUpdatesThatCustomer() {
    String id = created("bob", "Bob");

    JsonNode again =
        api.post("/v1/customers", Map.of("source_id", "bob", "email", "bob@example.com")).json();

    assertThat(again.get("id").asString()).isEqualTo(id);
    assertThat(again.get("name").asString()).isEqualTo("Bob");
    assertThat(again.get("email").asString()).isEqualTo("bob@example.com");
    assertThat(api.get("/v1/customers").json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void postWithAnUnknownIdIsNotFound() {
    Api.Response r = api.post("/v1/customers", Map.of("id", "cust_nope", "name", "X"));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("key").asString()).isEqualTo("not_found");
    assertThat(r.json().get("resource_type").asString()).isEqualTo("customer");
  }

  @Test
  void getsAndUpdatesByIdOrSourceIdLeavingOmittedFieldsAlone() {
    JsonNode created =
        api.post("/v1/customers", Map.of("source_id", "c@x", "name", "Carol", "phone", "+1 555"))
            .json();
    String id = created.get("id").asString();

    assertThat(api.get("/v1/customers/" + id).json().get("name").asString()).isEqualTo("Carol");
    assertThat(api.get("/v1/customers/c%40x").json().get("id").asString()).isEqualTo(id);

    JsonNode updated =
        api.put("/v1/customers/c%40x", Map.of("source_id", "c@x", "email", "carol@example.com"))
            .json();
    assertThat(updated.get("email").asString()).isEqualTo("carol@example.com");
    assertThat(updated.get("name").asString()).isEqualTo("Carol");
    assertThat(updated.get("phone").asString()).isEqualTo("+1 555");
    assertThat(updated.get("updated_at").isNull()).isFalse();
  }

  @Test
  void metadataMergesAndANullValueRemovesAKey() {
    String id =
        api.post("/v1/customers", Map.of("name", "M", "metadata", Map.of("a", 1, "b", 2)))
            .json()
            .get("id")
            .asString();

    JsonNode updated = api.put("/v1/customers/" + id, "{\"metadata\":{\"b\":null,\"c\":3}}").json();

    assertThat(updated.get("metadata").toString()).isEqualTo("{\"a\":1,\"c\":3}");
  }

  @Test
  void changingSourceIdToOneInUseIsAConflict() {
    api.post("/v1/customers", Map.of("source_id", "taken"));
    String id = api.post("/v1/customers", Map.of("source_id", "other")).json().get("id").asString();

    Api.Response r = api.put("/v1/customers/" + id, Map.of("source_id", "taken"));

    assertThat(r.status()).isEqualTo(409);
    assertThat(api.get("/v1/customers/" + id).json().get("source_id").asString())
        .isEqualTo("other");
  }

  @Test
  void deleteAnswers204AndTheCustomerIsGone() {
    String id = api.post("/v1/customers", Map.of("source_id", "gone")).json().get("id").asString();

    Api.Response deleted = api.delete("/v1/customers/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.text()).isEmpty();
    assertThat(api.get("/v1/customers/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/v1/customers/" + id).status()).isEqualTo(404);
    // the source_id is free again
    assertThat(api.post("/v1/customers", Map.of("source_id", "gone")).json().get("id").asString())
        .isNotEqualTo(id);
  }

  @Test
  void consentsUnsubscribeAndRejectNonBooleans() {
    String id = api.post("/v1/customers", Map.of("source_id", "cons")).json().get("id").asString();

    assertThat(api.put("/v1/customers/" + id + "/consents", Map.of("unsubscribed", true)).status())
        .isEqualTo(204);
    assertThat(api.put("/v1/customers/" + id + "/consents", Map.of("cnst_news", "yes")).status())
        .isEqualTo(400);

    JsonNode activity = api.get("/v1/customers/" + id + "/activity").json();
    assertThat(activity.at("/data/0/type").asString()).isEqualTo("customer.updated");
  }

  @Test
  void listsWithFiltersPagesAndEnvelope() {
    for (int i = 0; i < 5; i++) {
      api.post(
          "/v1/customers",
          Map.of(
              "source_id", "l" + i,
              "name", "List " + i,
              "email", "l" + i + "@example.com",
              "address", Map.of("city", i % 2 == 0 ? "Oslo" : "Rome")));
    }

    JsonNode page1 = api.get("/v1/customers?limit=2&page=1").json();
    assertThat(page1.get("object").asString()).isEqualTo("list");
    assertThat(page1.get("data_ref").asString()).isEqualTo("customers");
    assertThat(page1.get("customers").size()).isEqualTo(2);
    assertThat(page1.get("total").asInt()).isEqualTo(5);
    assertThat(page1.get("has_more").asBoolean()).isTrue();
    assertThat(page1.at("/customers/0/source_id").asString()).isEqualTo("l4");

    JsonNode page3 = api.get("/v1/customers?limit=2&page=3").json();
    assertThat(page3.get("customers").size()).isEqualTo(1);
    assertThat(page3.get("has_more").asBoolean()).isFalse();

    assertThat(api.get("/v1/customers?city=Oslo").json().get("total").asInt()).isEqualTo(3);
    assertThat(
            api.get("/v1/customers?email=L3@example.com")
                .json()
                .at("/customers/0/source_id")
                .asString())
        .isEqualTo("l3");
    assertThat(
            api.get("/v1/customers?order=created_at&limit=1")
                .json()
                .at("/customers/0/source_id")
                .asString())
        .isEqualTo("l0");
    assertThat(
            api.get("/v1/customers?created_at%5Bafter%5D=2200-01-01T00:00:00Z")
                .json()
                .get("total")
                .asInt())
        .isZero();
    assertThat(api.get("/v1/customers?limit=101").status()).isEqualTo(400);
    assertThat(api.get("/v1/customers?order=name").status()).isEqualTo(400);
    assertThat(api.get("/v1/customers?created_at%5Bafter%5D=yesterday").status()).isEqualTo(400);
  }

  @Test
  void scrollsByCreationTimeWithoutGapsOrRepeats() {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      created.add(
          api.post("/v1/customers", Map.of("source_id", "s" + i)).json().get("id").asString());
    }
    List<String> seen = new ArrayList<>();
    String cursor = "2200-01-01T00:00:00Z";
    while (true) {
      JsonNode page = api.get("/v1/customers?limit=7&starting_after=" + cursor).json();
      JsonNode items = page.get("customers");
      if (items.isEmpty()) {
        break;
      }
      for (JsonNode c : items) {
        seen.add(c.get("id").asString());
        cursor = c.get("created_at").asString();
      }
      if (!page.get("has_more").asBoolean()) {
        break;
      }
    }
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(created);
  }

  @Test
  void activityListsEventsNewestFirstWithCursorPaging() {
    String id = created("act", "A");
    for (int i = 0; i < 4; i++) {
      api.put("/v1/customers/" + id, Map.of("name", "A" + i));
    }

    JsonNode first = api.get("/v1/customers/" + id + "/activity?limit=3").json();
    assertThat(first.get("data_ref").asString()).isEqualTo("data");
    assertThat(first.get("data").size()).isEqualTo(3);
    assertThat(first.get("has_more").asBoolean()).isTrue();
    assertThat(first.at("/data/0/type").asString()).isEqualTo("customer.updated");
    assertThat(first.at("/data/0/data/customer/name").asString()).isEqualTo("A3");
    assertThat(first.at("/data/0/id").asString()).startsWith("evcus_");

    String after = first.get("more_starting_after").asString();
    JsonNode second =
        api.get("/v1/customers/" + id + "/activity?limit=3&starting_after_id=" + after).json();
    assertThat(second.get("data").size()).isEqualTo(2);
    assertThat(second.get("has_more").asBoolean()).isFalse();
    assertThat(second.at("/data/1/type").asString()).isEqualTo("customer.created");
  }

  @Test
  void activityKeepsToTheGivenTimeWindow() {
    String id = created("window", "W0");
    List<java.time.Instant> times = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      clock.advance(java.time.Duration.ofDays(1));
      times.add(clock.instant());
      api.put("/v1/customers/" + id, Map.of("name", "W" + day));
    }

    String window =
        "?start_date="
            + times.get(0).minusSeconds(1)
            + "&end_date="
            + times.get(1).plusSeconds(1)
            + "&order=created_at";
    JsonNode inside = api.get("/v1/customers/" + id + "/activity" + window).json();
    assertThat(inside.get("data").findValuesAsString("name")).containsExactly("W1", "W2");
    JsonNode after =
        api.get("/v1/customers/" + id + "/activity?start_date=" + times.get(2).minusSeconds(1))
            .json();
    assertThat(after.get("data").findValuesAsString("name")).containsExactly("W3");
  }

  @Test
  void anUpdateThatChangesNothingAppendsNoEvent() {
    String id = created("same", "S");

    api.put("/v1/customers/" + id, Map.of("name", "S"));

    assertThat(api.get("/v1/customers/" + id + "/activity").json().get("data").size()).isEqualTo(1);
  }

  @Test
  void rejectsBadCustomerInput() {
    assertThat(
            api.post("/v1/customers", Map.of("email", "not-an-email")).json().get("key").asString())
        .isEqualTo("invalid_customer");
    assertThat(api.post("/v1/customers", Map.of("birthdate", "02/04/1990")).status())
        .isEqualTo(400);
    assertThat(api.post("/v1/customers", Map.of("metadata", "x")).status()).isEqualTo(400);
    assertThat(api.post("/v1/customers", Map.of("address", Map.of("city", 5))).status())
        .isEqualTo(400);
    assertThat(api.post("/v1/customers", "[1,2]").status()).isEqualTo(400);
    assertThat(api.get("/v1/customers").json().get("total").asInt()).as("nothing stored").isZero();
  }
}
