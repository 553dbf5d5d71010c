package dev.herald.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The modules that own customer data plug into segments: order aggregates, loyalty points, and
 * segment membership in validation rules.
 */
class DataSourcesTest extends SegmentTest {

  @Test
  void orderAggregatesDecideMembershipAndOrdersMoveCustomersIn() {
    Api api = newProject();
    customer(api, Map.of("source_id", "big"));
    customer(api, Map.of("source_id", "small"));
    api.post(
        "/v1/orders",
        Map.of("amount", 30000, "status", "PAID", "customer", Map.of("source_id", "big")));
    api.post(
        "/v1/orders",
        Map.of("amount", 2000, "status", "PAID", "customer", Map.of("source_id", "small")));
    String spenders =
        synced(api, "auto-update", filter("orders.total_amount", cond("$more_than", 10000)));
    String buyers =
        synced(
            api, "auto-update", filter("summary.orders.total_count", cond("$more_than_equal", 1)));

    assertThat(members(api, spenders)).containsExactly("big");
    assertThat(members(api, buyers)).containsExactlyInAnyOrder("big", "small");

    api.post(
        "/v1/orders",
        Map.of("amount", 9000, "status", "PAID", "customer", Map.of("source_id", "small")));
    await()
        .untilAsserted(
            () -> assertThat(members(api, spenders)).containsExactlyInAnyOrder("big", "small"));
    assertThat(
            api.post(
                    "/v1/segments",
                    Map.of(
                        "name",
                        "x",
                        "type",
                        "auto-update",
                        "filter",
                        filter("orders.nope", cond("$is", 1))))
                .status())
        .isEqualTo(400);
  }

  @Test
  void loyaltyPointsPerProgramAndInTotal() {
    Api api = newProject();
    api.post(
        "/v1/loyalties",
        Map.of(
            "name",
            "Club",
            "voucher",
            Map.of("type", "LOYALTY_CARD", "loyalty_card", Map.of("points", 0))));
    String card =
        api.post("/v1/loyalties/Club/members", Map.of("customer", Map.of("source_id", "member")))
            .json()
            .get("code")
            .asString();
    customer(api, Map.of("source_id", "outsider"));
    String rich =
        synced(
            api,
            "auto-update",
            filter("loyalty_points.campaigns.Club.points", cond("$more_than_equal", 100)));
    String any = synced(api, "auto-update", filter("loyalty_points.points", cond("$more_than", 0)));
    assertThat(members(api, rich)).isEmpty();

    Api.Response added =
        api.post("/v1/loyalties/Club/members/" + card + "/balance", Map.of("points", 150));
    assertThat(added.status()).as(added.text()).isEqualTo(200);

    await().untilAsserted(() -> assertThat(members(api, rich)).containsExactly("member"));
    await().untilAsserted(() -> assertThat(members(api, any)).containsExactly("member"));
  }

  @Test
  void validationRulesTestSegmentMembership() {
    Api api = newProject();
    customer(api, Map.of("source_id", "vip", "metadata", Map.of("vip", true)));
    customer(api, Map.of("source_id", "regular"));
    String vips = synced(api, "auto-update", filter("metadata.vip", cond("$is", true)));
    String rule =
        api.post(
                "/v1/validation-rules",
                Map.of(
                    "name",
                    "VIPs only",
                    "rules",
                    Map.of(
                        "logic",
                        "1",
                        "1",
                        Map.of(
                            "name",
                            "customer.segment",
                            "conditions",
                            Map.of("$is", List.of(vips))))))
            .json()
            .get("id")
            .asString();

    Api.Response vip =
        api.post(
            "/v1/validation-rules/" + rule + "/validation",
            Map.of("customer", Map.of("source_id", "vip")));
    Api.Response regular =
        api.post(
            "/v1/validation-rules/" + rule + "/validation",
            Map.of("customer", Map.of("source_id", "regular")));

    assertThat(vip.status()).as(vip.text()).isEqualTo(200);
    assertThat(vip.json().get("valid").asBoolean()).as(vip.text()).isTrue();
    assertThat(regular.json().get("valid").asBoolean()).as(regular.text()).isFalse();
  }
}
