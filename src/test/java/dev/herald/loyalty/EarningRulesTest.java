package dev.herald.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Earning rules react to the event log and give points once per triggering event. */
class EarningRulesTest extends LoyaltyTestSupport {

  @Autowired EventLog eventLog;
  @Autowired TransactionTemplate tx;

  private static JsonNode rules(Api api, String program, Object... rules) {
    return ok(api.post("/v1/loyalties/" + program + "/earning-rules", List.of(rules)));
  }

  private void awaitBalance(Api api, String code, long points) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(balance(api, code)).isEqualTo(points));
  }

  private void stillBalance(Api api, String code, long points) {
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(balance(api, code)).isEqualTo(points));
  }

  @Test
  void aPaidOrderGivesFixedAndProportionalPointsOnce() {
    Api api = newProject();
    JsonNode program = program(api, "club", 0, 0, null);
    String code = member(api, "club", "ada");
    JsonNode made =
        rules(
            api,
            "club",
            Map.of("event", "order.paid", "loyalty", Map.of("type", "FIXED", "points", 10)),
            Map.of(
                "event",
                "order.paid",
                "loyalty",
                Map.of(
                    "type",
                    "PROPORTIONAL",
                    "calculation_type",
                    "ORDER_AMOUNT",
                    "order",
                    Map.of("amount", Map.of("every", 1000, "points", 3)))));
    assertThat(made.size()).isEqualTo(2);
    assertThat(made.get(0).path("object").asString()).isEqualTo("earning_rule");
    assertThat(made.get(0).path("automation_id").asString()).isNotBlank();
    ok(
        api.post(
            "/v1/orders",
            Map.of(
                "source_id",
                "o1",
                "customer",
                Map.of("source_id", "ada"),
                "amount",
                25_000,
                "status",
                "PAID")));
    awaitBalance(api, code, 85);
    ok(api.put("/v1/orders/o1", Map.of("status", "PAID")));
    ok(
        api.post(
            "/v1/orders",
            Map.of("source_id", "o2", "customer", Map.of("source_id", "ada"), "amount", 1_500)));
    stillBalance(api, code, 85);
    ok(api.put("/v1/orders/o2", Map.of("status", "PAID")));
    awaitBalance(api, code, 98);
    stillEvents(api, "customer.rewarded.loyalty_points", 4);
    assertThat(events(api).count("customer.voucher.loyalty_card.points_added")).isEqualTo(4);
    assertThat(ledgerSum(code)).isEqualTo(98);
    JsonNode rewarded = Api.parse(events(api).dataOf("customer.rewarded.loyalty_points").get(0));
    assertThat(rewarded.path("campaign").path("id").asString())
        .isEqualTo(program.path("id").asString());
    assertThat(rewarded.path("earning_rule").path("id").asString()).isNotBlank();
    assertThat(rewarded.path("order").path("source_id").asString()).isEqualTo("o1");
    assertThat(rewarded.path("voucher").path("code").asString()).isEqualTo(code);
    assertThat(rewarded.path("balance").path("operation_type").asString()).isEqualTo("AUTOMATIC");
    JsonNode tx = ok(api.get("/v1/loyalties/club/members/" + code + "/transactions"));
    assertThat(tx.path("data").get(0).path("type").asString()).isEqualTo("POINTS_ACCRUAL");
    assertThat(tx.path("data").get(0).path("details").path("order").path("source_id").asString())
        .isEqualTo("o2");
    assertThat(tx.path("data").get(0).path("details").path("earning_rule").path("id").asString())
        .isNotBlank();
  }

  @Test
  void aCustomEventRuleHonoursItsValidationRuleAndReadsEventMetadata() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String code = member(api, "club", "ada");
    String rule =
        ok(api.post(
                "/v1/validation-rules",
                Map.of(
                    "name",
                    "pro plans",
                    "rules",
                    Map.of(
                        "1",
                        Map.of(
                            "name",
                            "custom_event.metadata",
                            "property",
                            "plan",
                            "conditions",
                            Map.of("$is", List.of("pro"))),
                        "logic",
                        "1"))))
            .path("id")
            .asString();
    rules(
        api,
        "club",
        Map.of(
            "event",
            "signed_up",
            "custom_event",
            Map.of("schema_id", "ms_signed_up"),
            "validation_rule_id",
            rule,
            "loyalty",
            Map.of(
                "type",
                "PROPORTIONAL",
                "calculation_type",
                "CUSTOM_EVENT_METADATA",
                "custom_event",
                Map.of("metadata", Map.of("every", 1, "points", 2, "property", "seats")))));
    ok(
        api.post(
            "/v1/events",
            Map.of(
                "event", "signed_up",
                "customer", Map.of("source_id", "ada"),
                "metadata", Map.of("plan", "basic", "seats", 9))));
    ok(
        api.post(
            "/v1/events",
            Map.of(
                "event", "signed_up",
                "customer", Map.of("source_id", "ada"),
                "metadata", Map.of("plan", "pro", "seats", 5))));
    ok(
        api.post(
            "/v1/events", Map.of("event", "logged_in", "customer", Map.of("source_id", "ada"))));
    awaitBalance(api, code, 10);
    stillEvents(api, "customer.rewarded.loyalty_points", 1);
  }

  @Test
  void aSegmentRuleReactsToTheSegmentEnteredEventOfItsSegment() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String code = member(api, "club", "ada");
    String customerId = ok(api.get("/v1/customers/ada")).path("id").asString();
    rules(
        api,
        "club",
        Map.of(
            "event", "customer.segment.entered",
            "segment", Map.of("id", "seg_vip"),
            "loyalty", Map.of("type", "FIXED", "points", 50)));
    entered(api, customerId, "seg_other");
    entered(api, customerId, "seg_vip");
    awaitBalance(api, code, 50);
    stillEvents(api, "customer.rewarded.loyalty_points", 1);
    JsonNode tx = ok(api.get("/v1/loyalties/club/members/" + code + "/transactions"));
    assertThat(tx.path("data").get(0).path("details").path("segment").path("id").asString())
        .isEqualTo("seg_vip");
  }

  private void entered(Api api, String customerId, String segmentId) {
    ObjectNode data = Json.object();
    data.set("customer", Json.object().put("id", customerId).put("object", "customer"));
    data.set(
        "segment",
        Json.object().put("id", segmentId).put("name", segmentId).put("object", "segment"));
    tx.executeWithoutResult(
        s ->
            eventLog.append(
                NewEvent.of(projectOf(api), "customer.segment.entered", customerId, data)));
  }

  @Test
  void rulesOutsideTheirTimeLimitsOrDisabledGiveNothingUntilTheyApply() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String code = member(api, "club", "ada");
    String later = Times.format(appClock.instant().plus(Duration.ofDays(10)));
    rules(
        api,
        "club",
        Map.of(
            "event",
            "visit",
            "start_date",
            later,
            "loyalty",
            Map.of("type", "FIXED", "points", 7)));
    String disabled =
        rules(
                api,
                "club",
                Map.of("event", "visit", "loyalty", Map.of("type", "FIXED", "points", 100)))
            .get(0)
            .path("id")
            .asString();
    assertThat(
            ok(api.post("/v1/loyalties/club/earning-rules/" + disabled + "/disable", Map.of()))
                .path("active")
                .asBoolean())
        .isFalse();
    ok(api.post("/v1/events", Map.of("event", "visit", "customer", Map.of("source_id", "ada"))));
    stillBalance(api, code, 0);
    clock.advance(Duration.ofDays(11));
    ok(api.post("/v1/events", Map.of("event", "visit", "customer", Map.of("source_id", "ada"))));
    awaitBalance(api, code, 7);
    ok(api.post("/v1/loyalties/club/earning-rules/" + disabled + "/enable", Map.of()));
    ok(api.post("/v1/events", Map.of("event", "visit", "customer", Map.of("source_id", "ada"))));
    awaitBalance(api, code, 114);
  }

  @Test
  void anAutoJoinProgramGivesANonMemberACardAndTheirPoints() {
    Api api = newProject();
    ok(
        api.post(
            "/v1/loyalties",
            Map.of(
                "name",
                "open",
                "auto_join",
                true,
                "voucher",
                Map.of("type", "LOYALTY_CARD", "loyalty_card", Map.of("points", 5)))));
    program(api, "closed", 0, 0, null);
    rules(api, "open", Map.of("event", "visit", "loyalty", Map.of("type", "FIXED", "points", 20)));
    rules(
        api, "closed", Map.of("event", "visit", "loyalty", Map.of("type", "FIXED", "points", 20)));
    ok(api.post("/v1/events", Map.of("event", "visit", "customer", Map.of("source_id", "new"))));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        ok(api.get("/v1/customers/new"))
                            .path("loyalty")
                            .path("campaigns")
                            .path("open")
                            .path("points")
                            .asLong())
                    .isEqualTo(25));
    assertThat(ok(api.get("/v1/loyalties/closed/members")).path("total").asInt()).isZero();
  }

  @Test
  void aTierMappingMultipliesTheRulesPoints() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String code = member(api, "club", "ada");
    String rule =
        rules(
                api,
                "club",
                Map.of("event", "visit", "loyalty", Map.of("type", "FIXED", "points", 10)))
            .get(0)
            .path("id")
            .asString();
    ok(
        api.post(
            "/v1/loyalties/club/tiers",
            List.of(
                Map.of(
                    "name", "Gold",
                    "points", Map.of("from", 100),
                    "earning_rules", Map.of(rule, Map.of("type", "MULTIPLY", "multiplier", 3))))));
    addPoints(api, "club", code, 100);
    ok(api.post("/v1/events", Map.of("event", "visit", "customer", Map.of("source_id", "ada"))));
    awaitBalance(api, code, 130);
  }

  @Test
  void earningRulesAreManagedAndBadOnesAreRejectedWithNothingCreated() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String base = "/v1/loyalties/club/earning-rules";
    error(
        api.post(base, List.of(Map.of("loyalty", Map.of("type", "FIXED", "points", 1)))),
        400,
        "invalid_payload");
    error(
        api.post(
            base,
            List.of(
                Map.of("event", "order.paid", "loyalty", Map.of("type", "FIXED", "points", 0)))),
        400,
        "invalid_payload");
    error(
        api.post(
            base,
            List.of(
                Map.of("event", "order.paid", "loyalty", Map.of("type", "FIXED", "points", 1)),
                Map.of(
                    "event",
                    "signed_up",
                    "loyalty",
                    Map.of(
                        "type",
                        "PROPORTIONAL",
                        "calculation_type",
                        "ORDER_AMOUNT",
                        "order",
                        Map.of("amount", Map.of("every", 1, "points", 1)))))),
        400,
        "invalid_payload");
    error(
        api.post(
            base,
            List.of(
                Map.of(
                    "event",
                    "customer.segment.entered",
                    "loyalty",
                    Map.of("type", "FIXED", "points", 1)))),
        400,
        "invalid_payload");
    error(
        api.post(
            base,
            List.of(
                Map.of(
                    "event", "customer.created", "loyalty", Map.of("type", "FIXED", "points", 1)))),
        400,
        "invalid_payload");
    error(
        api.post(
            base,
            List.of(
                Map.of(
                    "event", "order.paid",
                    "validation_rule_id", "val_nope",
                    "loyalty", Map.of("type", "FIXED", "points", 1)))),
        404,
        "not_found");
    error(
        api.post(
            base,
            List.of(
                Map.of(
                    "event", "customer.loyalty.tier.joined",
                    "loyalty_tier", Map.of("id", "ltr_nope"),
                    "loyalty", Map.of("type", "FIXED", "points", 1)))),
        404,
        "not_found");
    assertThat(ok(api.get(base)).path("total").asInt()).isZero();

    String id =
        rules(
                api,
                "club",
                Map.of("event", "order.paid", "loyalty", Map.of("type", "FIXED", "points", 1)))
            .get(0)
            .path("id")
            .asString();
    JsonNode updated =
        ok(
            api.put(
                base + "/" + id,
                Map.of(
                    "source",
                    Map.of("banner", "Earn 5"),
                    "loyalty",
                    Map.of("type", "FIXED", "points", 5))));
    assertThat(updated.path("loyalty").path("points").asInt()).isEqualTo(5);
    assertThat(updated.path("source").path("banner").asString()).isEqualTo("Earn 5");
    assertThat(updated.path("source").path("object_type").asString()).isEqualTo("campaign");
    assertThat(ok(api.get(base + "/" + id)).path("loyalty").path("points").asInt()).isEqualTo(5);
    assertThat(api.delete(base + "/" + id).status()).isEqualTo(204);
    error(api.get(base + "/" + id), 404, "not_found");
  }
}
