package dev.herald.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Helpers shared by the segment tests: create, wait for the sync, read members and events. */
abstract class SegmentTest extends HeraldTest {

  @Autowired protected JdbcClient jdbc;
  @Autowired protected Segments segments;

  protected static String customer(Api api, Map<String, Object> body) {
    Api.Response r = api.post("/v1/customers", body);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("id").asString();
  }

  protected static String idOf(Api api, String sourceId) {
    return api.get("/v1/customers/" + sourceId).json().get("id").asString();
  }

  protected static void track(Api api, String event, String sourceId) {
    Api.Response r =
        api.post("/v1/events", Map.of("event", event, "customer", Map.of("source_id", sourceId)));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  protected static String segment(Api api, String type, Object filter) {
    Api.Response r =
        api.post("/v1/segments", Map.of("name", "s " + type, "type", type, "filter", filter));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("id").asString();
  }

  protected static String synced(Api api, String type, Object filter) {
    String id = segment(api, type, filter);
    awaitSynced(api, id);
    return id;
  }

  protected static void awaitSynced(Api api, String segmentId) {
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
  protected static Set<String> members(Api api, String segmentId) {
    Set<String> out = new HashSet<>();
    for (int page = 1; ; page++) {
      Api.Response r = api.get("/v1/customers?limit=100&page=" + page + "&segment_id=" + segmentId);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      for (JsonNode c : r.json().get("customers")) {
        out.add(
            c.get("source_id").isNull() ? c.get("id").asString() : c.get("source_id").asString());
      }
      if (!r.json().get("has_more").asBoolean()) {
        return out;
      }
    }
  }

  /**
   * The customer's segment events in log order, as "entered seg_…" / "left seg_…" (read from the
   * log, so deleted customers' events show too).
   */
  protected List<String> transitions(String customerId) {
    return jdbc.sql(
            """
            select replace(type, 'customer.segment.', '') || ' ' || (cast(data as json)->'segment'->>'id')
            from event_log where customer_id = :customer and type like 'customer.segment.%'
            order by seq
            """)
        .param("customer", customerId)
        .query(String.class)
        .list();
  }

  /** The data of the customer's segment events, in log order. */
  protected List<JsonNode> transitionData(String customerId) {
    return jdbc
        .sql(
            "select data::text from event_log where customer_id = :customer"
                + " and type like 'customer.segment.%' order by seq")
        .param("customer", customerId)
        .query(String.class)
        .list()
        .stream()
        .map(Api::parse)
        .toList();
  }

  /** Waits until the project has no queued membership re-evaluation left. */
  protected void awaitMembershipIdle(ProjectId project) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from work_item where queue ="
                                + " 'event:segments.membership' and project_id = :project"
                                + " and dead_at is null")
                        .param("project", project.value())
                        .query(Long.class)
                        .single()
                    == 0);
  }

  protected static Map<String, Object> cond(String op, Object value) {
    return Map.of("conditions", Map.of(op, value));
  }

  /** A filter object keeping insertion order (junction first, then fields). */
  protected static Map<String, Object> filter(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  protected static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }
}
