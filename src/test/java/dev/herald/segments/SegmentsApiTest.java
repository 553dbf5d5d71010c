package dev.herald.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SegmentsApiTest extends SegmentTest {

  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  private Api.Response create(Object body) {
    return api.post("/v1/segments", body);
  }

  private void assertRejected(Object body, int status, String key, String... detailParts) {
    Api.Response r = create(body);
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.json().get("key").asString()).isEqualTo(key);
    assertThat(r.json().get("details").asString()).contains(detailParts);
  }

  private long segmentCount() {
    return api.get("/v1/segments").json().get("total").asLong();
  }

  @Test
  void aStaticSegmentHoldsTheGivenCustomersByIdOrSourceIdAndIsDoneAtOnce() {
    String ada = customer(api, Map.of("source_id", "ada"));
    customer(api, Map.of("source_id", "bob"));
    customer(api, Map.of("source_id", "cy"));

    Api.Response r =
        create(
            Map.of("name", "VIP list", "type", "static", "customers", List.of(ada, "bob", "ada")));

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode s = r.json();
    assertThat(s.get("id").asString()).startsWith("seg_");
    assertThat(s.get("object").asString()).isEqualTo("segment");
    assertThat(s.get("name").asString()).isEqualTo("VIP list");
    assertThat(s.get("type").asString()).isEqualTo("static");
    assertThat(s.get("filter").isNull()).isTrue();
    assertThat(s.get("initial_sync_status").asString()).isEqualTo("DONE");
    assertThat(s.get("created_at").asString()).endsWith("Z");
    assertThat(members(api, s.get("id").asString())).containsExactlyInAnyOrder("ada", "bob");
    assertThat(api.get("/v1/segments/" + s.get("id").asString()).json()).isEqualTo(s);
  }

  @Test
  void aStaticSegmentNamingUnknownCustomersIsRejectedNamingThemAndCreatesNothing() {
    customer(api, Map.of("source_id", "ada"));

    assertRejected(
        Map.of("name", "x", "type", "static", "customers", List.of("ada", "ghost", "cust_nope")),
        404,
        "not_found",
        "ghost",
        "cust_nope");
    assertThat(segmentCount()).isZero();
  }

  @Test
  void aStaticSegmentTakesAtMostTwentyThousandCustomers() {
    List<String> tooMany =
        IntStream.rangeClosed(0, Segments.MAX_STATIC_CUSTOMERS).mapToObj(i -> "c" + i).toList();
    assertRejected(
        Map.of("name", "x", "type", "static", "customers", tooMany),
        400,
        "invalid_segment",
        "customers",
        "20000");
    assertThat(segmentCount()).isZero();
  }

  @Test
  void aFilterSegmentEchoesItsFilterAndStartsInProgress() {
    Map<String, Object> filter =
        filter("junction", "and", "metadata.tier", cond("$in", list("gold", "silver")));
    Api.Response r = create(Map.of("name", "Gold", "type", "passive", "filter", filter));

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("type").asString()).isEqualTo("passive");
    assertThat(r.json().get("filter"))
        .isEqualTo(
            Api.parse(
                tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .writeValueAsString(filter)));
    assertThat(r.json().get("initial_sync_status").asString()).isIn("IN_PROGRESS", "DONE");
    awaitSynced(api, r.json().get("id").asString());
  }

  @Test
  void wrongFiltersAreRejectedNamingTheFieldOperatorOrValueAndCreateNothing() {
    record Bad(Object filter, String... details) {}
    List<Bad> bad =
        List.of(
            new Bad(
                filter("loyalty_level", cond("$is", "x")),
                "filter.loyalty_level",
                "is not a known field",
                "metadata.<key>",
                "events.<name>.count"),
            new Bad(
                filter("address.planet", cond("$is", "x")),
                "filter.address.planet",
                "is not a known field"),
            new Bad(
                filter("email", cond("$bogus", "x")),
                "filter.email.conditions.$bogus",
                "is not a known operator",
                "$starts_with"),
            new Bad(
                filter("email", cond("$is", 5)), "filter.email.conditions.$is", "expects a string"),
            new Bad(
                filter("metadata.age", cond("$more_than", list("abc"))),
                "filter.metadata.age.conditions.$more_than",
                "expects a number",
                "abc"),
            new Bad(
                filter("events.x.count", cond("$is", true)), "events.x.count", "expects a number"),
            new Bad(
                filter("created_at", cond("$after", "yesterday")),
                "created_at",
                "expects an ISO-8601 date"),
            new Bad(filter("birthdate", cond("$after", "2024-02-30")), "expects a valid date"),
            new Bad(
                filter("birthdate", cond("$more_than", 3)),
                "filter.birthdate.conditions" + ".$more_than",
                "is not available for date field birthdate"),
            new Bad(
                filter("created_at", cond("$next_month", true)),
                "is not available for datetime field created_at"),
            new Bad(
                filter("metadata.x", cond("$next_month", true)), "is not available for metadata.x"),
            new Bad(filter("birthdate", cond("$next_days", list(0))), "at least 1 day"),
            new Bad(
                filter("birthdate", cond("$more_than_days_ago", list(-1))),
                "number of days from 0"),
            new Bad(
                filter("birthdate", cond("$more_than_days_ago", list(1.5))),
                "whole number of days"),
            new Bad(filter("email", cond("$is", list("a", "b"))), "exactly one value"),
            new Bad(filter("email", cond("$in", list())), "expects 1 to 1000 values"),
            new Bad(filter("email", cond("$has_value", false)), "takes no value"),
            new Bad(filter("metadata.x", cond("$in", list(1, "a"))), "all be strings, all numbers"),
            new Bad(filter("junction", "xor", "email", cond("$is", "a")), "filter.junction"),
            new Bad(filter("email", Map.of("conditions", Map.of())), "filter.email.conditions"),
            new Bad(
                filter("email", Map.of("conditions", Map.of("$is", "a"), "extra", 1)),
                "filter.email.extra"),
            new Bad(filter("filters", "nope"), "filter.filters", "array"),
            new Bad(
                filter("filters", list(filter())), "filter.filters[0]", "at least one condition"),
            new Bad(deep(6), "nests deeper than 5"),
            new Bad("not an object", "filter", "must be an object"));
    for (Bad b : bad) {
      assertRejected(
          Map.of("name", "bad", "type", "auto-update", "filter", b.filter()),
          400,
          "invalid_segment",
          b.details());
    }
    assertThat(segmentCount()).isZero();
  }

  private static Map<String, Object> deep(int levels) {
    Map<String, Object> inner = filter("email", cond("$is", "a"));
    for (int i = 1; i < levels; i++) {
      inner = filter("filters", list(inner));
    }
    return inner;
  }

  @Test
  void wrongBodiesAreRejectedNamingTheField() {
    assertRejected(
        Map.of("type", "static", "customers", List.of("a")), 400, "invalid_segment", "name");
    assertRejected(Map.of("name", "x"), 400, "invalid_segment", "type");
    assertRejected(
        Map.of("name", "x", "type", "dynamic"), 400, "invalid_segment", "type", "dynamic");
    assertRejected(Map.of("name", "x", "type", "static"), 400, "invalid_segment", "customers");
    assertRejected(
        Map.of("name", "x", "type", "static", "customers", List.of()),
        400,
        "invalid_segment",
        "customers");
    assertRejected(
        Map.of("name", "x", "type", "static", "customers", List.of("a"), "filter", Map.of()),
        400,
        "invalid_segment",
        "filter");
    assertRejected(Map.of("name", "x", "type", "auto-update"), 400, "invalid_segment", "filter");
    assertRejected(
        Map.of("name", "x", "type", "passive", "filter", Map.of(), "customers", List.of("a")),
        400,
        "invalid_segment",
        "customers");
    assertRejected(
        Map.of("name", "x", "type", "static", "customers", List.of(5)),
        400,
        "invalid_segment",
        "customers[0]");
    assertThat(segmentCount()).isZero();
  }

  @Test
  void aProjectHasAtMostOneHundredFilterSegments() {
    for (int i = 0; i < Segments.MAX_FILTER_SEGMENTS; i++) {
      segment(api, i % 2 == 0 ? "auto-update" : "passive", filter("email", cond("$is", "e" + i)));
    }
    assertRejected(
        Map.of("name", "one more", "type", "auto-update", "filter", filter()),
        400,
        "limit_exceeded",
        "100");
    customer(api, Map.of("source_id", "ada"));
    assertThat(
            create(Map.of("name", "list", "type", "static", "customers", List.of("ada"))).status())
        .isEqualTo(200);
  }

  @Test
  void anotherProjectsSegmentIsNotFound() {
    String id = synced(api, "auto-update", filter());
    Api other = newProject();

    assertThat(other.get("/v1/segments/" + id).status()).isEqualTo(404);
    assertThat(other.delete("/v1/segments/" + id).status()).isEqualTo(404);
    assertThat(other.get("/v1/customers?segment_id=" + id).status()).isEqualTo(404);
    assertThat(other.get("/v1/segments").json().get("total").asLong()).isZero();
    assertThat(api.get("/v1/segments/" + id).status()).isEqualTo(200);
  }

  @Test
  void deletingASegmentHidesItAndPurgesItsMembers() {
    customer(api, Map.of("source_id", "ada"));
    String id = synced(api, "auto-update", filter());
    assertThat(members(api, id)).containsExactly("ada");

    Api.Response deleted = api.delete("/v1/segments/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.text()).isEmpty();
    Api.Response gone = api.get("/v1/segments/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("key").asString()).isEqualTo("not_found");
    assertThat(gone.json().get("resource_type").asString()).isEqualTo("segment");
    assertThat(api.get("/v1/customers/ada/segments").json().get("data")).isEmpty();
    await()
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql("select count(*) from segment_member where segment_id = :s")
                            .param("s", id)
                            .query(Long.class)
                            .single())
                    .isZero());
    assertThat(api.delete("/v1/segments/" + id).status()).isEqualTo(404);
  }

  @Test
  void aSegmentInUseCannotBeDeleted() {
    String id = synced(api, "auto-update", filter());
    InUse.ids.add(id);
    try {
      Api.Response r = api.delete("/v1/segments/" + id);
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().get("key").asString()).isEqualTo("segment_in_use");
      assertThat(r.json().get("details").asString()).contains("a test distribution");
      assertThat(api.get("/v1/segments/" + id).status()).isEqualTo(200);
    } finally {
      InUse.ids.remove(id);
    }
    assertThat(api.delete("/v1/segments/" + id).status()).isEqualTo(204);
  }

  @Test
  void customersListFiltersBySegmentAndPages() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(customer(api, Map.of("source_id", "c" + i, "metadata", Map.of("n", i))));
    }
    String id = synced(api, "auto-update", filter("metadata.n", cond("$more_than", 0)));

    JsonNode page = api.get("/v1/customers?limit=2&segment_id=" + id + "&order=created_at").json();
    assertThat(page.get("total").asLong()).isEqualTo(4);
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(page.get("customers").get(0).get("source_id").asString()).isEqualTo("c1");
    assertThat(members(api, id)).containsExactlyInAnyOrder("c1", "c2", "c3", "c4");
    Api.Response unknown = api.get("/v1/customers?segment_id=seg_nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("details").asString()).contains("seg_nope");
  }

  @Test
  void aCustomersSegmentsAreListedByIdOrSourceId() {
    String ada = customer(api, Map.of("source_id", "ada", "metadata", Map.of("vip", true)));
    Api.Response created =
        create(Map.of("name", "Listed", "type", "static", "customers", List.of("ada")));
    String listed = created.json().get("id").asString();
    String vip = synced(api, "passive", filter("metadata.vip", cond("$is", true)));
    synced(api, "auto-update", filter("metadata.vip", cond("$is", false)));

    for (String ref : List.of(ada, "ada")) {
      JsonNode list = api.get("/v1/customers/" + ref + "/segments").json();
      assertThat(list.get("object").asString()).isEqualTo("list");
      assertThat(list.get("data_ref").asString()).isEqualTo("data");
      assertThat(list.get("total").asLong()).isEqualTo(2);
      assertThat(list.get("data").get(0).get("id").asString()).isEqualTo(listed);
      assertThat(list.get("data").get(0).get("name").asString()).isEqualTo("Listed");
      assertThat(list.get("data").get(0).get("object").asString()).isEqualTo("segment");
      assertThat(list.get("data").get(1).get("id").asString()).isEqualTo(vip);
    }
    assertThat(segments.segmentIdsOf(projectOf(api), ada)).containsExactly(listed, vip);
    assertThat(api.get("/v1/customers/nobody/segments").status()).isEqualTo(404);
  }

  @Test
  void segmentsAreListedWithPagingOrderAndFilters() {
    customer(api, Map.of("source_id", "ada"));
    String a =
        create(Map.of("name", "Alpha", "type", "static", "customers", List.of("ada")))
            .json()
            .get("id")
            .asString();
    String b = segment(api, "auto-update", filter());
    String c = segment(api, "passive", filter());

    JsonNode all = api.get("/v1/segments?limit=2").json();
    assertThat(all.get("data_ref").asString()).isEqualTo("data");
    assertThat(all.get("total").asLong()).isEqualTo(3);
    assertThat(all.get("has_more").asBoolean()).isTrue();
    assertThat(all.get("data").get(0).get("id").asString()).isEqualTo(c);
    JsonNode second = api.get("/v1/segments?limit=2&page=2").json();
    assertThat(second.get("data").get(0).get("id").asString()).isEqualTo(a);
    JsonNode oldest = api.get("/v1/segments?order=created_at").json();
    assertThat(oldest.get("data").get(0).get("id").asString()).isEqualTo(a);
    JsonNode byIds = api.get("/v1/segments?ids=" + a + "," + c).json();
    assertThat(byIds.get("total").asLong()).isEqualTo(2);
    JsonNode byType = api.get("/v1/segments?filters[type][conditions][$is]=passive").json();
    assertThat(byType.get("data").get(0).get("id").asString()).isEqualTo(c);
    assertThat(byType.get("total").asLong()).isEqualTo(1);
    JsonNode byName =
        api.get("/v1/segments?filters%5Bname%5D%5Bconditions%5D%5B%24starts_with%5D=Alp").json();
    assertThat(byName.get("data").get(0).get("id").asString()).isEqualTo(a);
    assertThat(api.get("/v1/segments?order=size").status()).isEqualTo(400);
    assertThat(api.get("/v1/segments?filters[color][conditions][$is]=red").status()).isEqualTo(400);
    assertThat(b).isNotNull();
  }

  @Test
  void membersExpandInKeysetOrder() {
    for (int i = 0; i < 7; i++) {
      customer(api, Map.of("source_id", "k" + i));
    }
    String id = synced(api, "auto-update", filter());
    List<String> seen = new ArrayList<>();
    String after = null;
    while (true) {
      List<String> batch = segments.customerIdsAfter(projectOf(api), id, after, 3);
      if (batch.isEmpty()) {
        break;
      }
      seen.addAll(batch);
      after = batch.get(batch.size() - 1);
    }
    assertThat(seen).hasSize(7).isSorted().doesNotHaveDuplicates();
    assertThat(segments.memberCount(projectOf(api), id)).isEqualTo(7);
    assertThat(segments.syncStatus(projectOf(api), id)).isEqualTo(SyncStatus.DONE);
    assertThat(segments.isMember(projectOf(api), id, seen.get(0))).isTrue();
  }
}
