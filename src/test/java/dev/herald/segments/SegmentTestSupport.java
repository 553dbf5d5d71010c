package dev.herald.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Calls shared by the segment tests: create, wait for the sync, read members and events. */
final class SegmentTestSupport {

  private SegmentTestSupport() {}

  static String customer(Api api, Map<String, Object> body) {
    Api.Response r = api.post("/v1/customers", body);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("id").asString();
  }

  static String segment(Api api, String type, Object filter) {
    Api.Response r =
        api.post("/v1/segments", Map.of("name", "s " + type, "type", type, "filter", filter));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("id").asString();
  }

  static String synced(Api api, String type, Object filter) {
    String id = segment(api, type, filter);
    awaitSynced(api, id);
    return id;
  }

  static void awaitSynced(Api api, String segmentId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/v1/segments/" + segmentId)
                            .json()
                            .get("initial_sync_status")
                            .asString())
                    .isEqualTo("DONE"));
  }

  /** The source_ids (or ids when none) of the segment's members, through the customers list. */
  static Set<String> members(Api api, String segmentId) {
    Set<String> out = new HashSet<>();
    for (int page = 1; ; page++) {
      Api.Response r = api.get("/v1/customers?limit=100&page=" + page + "&segment_id=" + segmentId);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      JsonNode list = r.json().get("customers");
      for (JsonNode c : list) {
        out.add(
            c.get("source_id").isNull() ? c.get("id").asString() : c.get("source_id").asString());
      }
      if (!r.json().get("has_more").asBoolean()) {
        return out;
      }
    }
  }

  /** The customer's activity of segment events, oldest first: "entered seg_x" / "left seg_x". */
  static List<String> transitions(Api api, String customerId) {
    List<String> out = new ArrayList<>();
    JsonNode items =
        api.get("/v1/customers/" + customerId + "/activity?limit=100&order=created_at")
            .json()
            .get("data");
    for (JsonNode item : items) {
      String type = item.get("type").asString();
      if (type.startsWith("customer.segment.")) {
        out.add(
            type.substring("customer.segment.".length())
                + " "
                + item.get("data").get("segment").get("id").asString());
      }
    }
    return out;
  }

  static Map<String, Object> cond(String op, Object value) {
    return Map.of("conditions", Map.of(op, value));
  }
}
