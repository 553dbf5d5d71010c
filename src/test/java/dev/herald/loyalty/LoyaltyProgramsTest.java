package dev.herald.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LoyaltyProgramsTest extends LoyaltyTestSupport {

  @Test
  void programsAreLoyaltyCampaignsWithCardsTheirTemplatePointsAndTheirOwnList() {
    Api api = newProject();
    JsonNode program = program(api, "club", 3, 100, null);
    assertThat(program.path("campaign_type").asString()).isEqualTo("LOYALTY_PROGRAM");
    assertThat(program.path("voucher").path("type").asString()).isEqualTo("LOYALTY_CARD");
    assertThat(program.path("voucher").path("loyalty_card").path("points").asLong()).isEqualTo(100);
    assertThat(program.path("vouchers_count").asInt()).isEqualTo(3);
    assertThat(program.has("loyalty_tiers_expiration")).isTrue();
    JsonNode viaCampaigns =
        ok(
            api.post(
                "/v1/campaigns",
                Map.of(
                    "name", "club-2",
                    "campaign_type", "LOYALTY_PROGRAM",
                    "voucher",
                        Map.of("type", "LOYALTY_CARD", "loyalty_card", Map.of("points", 5)))));
    assertThat(viaCampaigns.path("campaign_type").asString()).isEqualTo("LOYALTY_PROGRAM");
    JsonNode list = ok(api.get("/v1/loyalties"));
    assertThat(list.path("data_ref").asString()).isEqualTo("campaigns");
    assertThat(list.path("total").asInt()).isEqualTo(2);
    discount(api, "not-loyalty");
    error(api.get("/v1/loyalties/not-loyalty"), 404, "not_found");
    assertThat(ok(api.get("/v1/loyalties/club")).path("id").asString())
        .isEqualTo(program.path("id").asString());
    JsonNode updated = ok(api.put("/v1/loyalties/club", Map.of("description", "members")));
    assertThat(updated.path("description").asString()).isEqualTo("members");
  }

  private static void discount(Api api, String name) {
    ok(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                name,
                "voucher",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "AMOUNT", "amount_off", 100)))));
  }

  @Test
  void membersGetOneCardEachWithTheInitialPointsInTheLedger() {
    Api api = newProject();
    program(api, "club", 0, 100, null);
    String code = member(api, "club", "ada");
    assertThat(member(api, "club", "ada")).isEqualTo(code);
    String other = member(api, "club", "bob");
    assertThat(other).isNotEqualTo(code);
    JsonNode card = ok(api.get("/v1/loyalties/club/members/" + code));
    assertThat(card.path("loyalty_card").path("balance").asLong()).isEqualTo(100);
    assertThat(card.path("loyalty_card").path("points").asLong()).isEqualTo(100);
    assertThat(card.path("holder_id").asString()).isNotBlank();
    assertThat(ok(api.get("/v1/loyalties/members/" + code)).path("code").asString())
        .isEqualTo(code);
    JsonNode members = ok(api.get("/v1/loyalties/club/members"));
    assertThat(members.path("data_ref").asString()).isEqualTo("vouchers");
    assertThat(members.path("total").asInt()).isEqualTo(2);
    assertThat(ledgerSum(code)).isEqualTo(100);
    JsonNode tx = ok(api.get("/v1/loyalties/club/members/" + code + "/transactions"));
    assertThat(tx.path("data").get(0).path("type").asString()).isEqualTo("POINTS_ADDITION");
    JsonNode customer = ok(api.get("/v1/customers/ada"));
    assertThat(customer.path("loyalty").path("points").asLong()).isEqualTo(100);
    assertThat(customer.path("loyalty").path("campaigns").path("club").path("points").asLong())
        .isEqualTo(100);
  }

  @Test
  void pointsAreAddedAndRemovedThroughBothEndpointsAndTheLedgerSumsToTheBalance() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String code = member(api, "club", "ada");
    JsonNode added = addPoints(api, "club", code, 500);
    assertThat(added.path("points").asLong()).isEqualTo(500);
    assertThat(added.path("balance").asLong()).isEqualTo(500);
    assertThat(added.path("type").asString()).isEqualTo("loyalty_card");
    assertThat(added.path("object").asString()).isEqualTo("balance");
    assertThat(added.path("operation_type").asString()).isEqualTo("MANUAL");
    assertThat(added.path("related_object").path("type").asString()).isEqualTo("voucher");
    JsonNode viaVoucher =
        ok(api.post("/v1/vouchers/" + code + "/balance", Map.of("amount", -200, "reason", "fix")));
    assertThat(viaVoucher.path("balance").asLong()).isEqualTo(300);
    assertThat(viaVoucher.path("amount").asLong()).isEqualTo(-200);
    JsonNode viaMembers =
        ok(api.post("/v1/loyalties/members/" + code + "/balance", Map.of("points", 50)));
    assertThat(viaMembers.path("balance").asLong()).isEqualTo(350);
    assertThat(balance(api, code)).isEqualTo(350);
    assertThat(ok(api.get("/v1/vouchers/" + code)).path("loyalty_card").path("points").asLong())
        .isEqualTo(550);
    assertThat(ledgerSum(code)).isEqualTo(350);
    JsonNode tx = ok(api.get("/v1/vouchers/" + code + "/transactions"));
    assertThat(tx.path("data").size()).isEqualTo(3);
    assertThat(tx.path("data").get(1).path("type").asString()).isEqualTo("POINTS_REMOVAL");
    assertThat(tx.path("data").get(1).path("reason").asString()).isEqualTo("fix");
    assertThat(tx.path("data").get(1).path("details").path("balance").path("balance").asLong())
        .isEqualTo(300);
    assertThat(events(api).count("customer.voucher.loyalty_card.points_added")).isEqualTo(2);
    JsonNode event =
        Api.parse(events(api).dataOf("customer.voucher.loyalty_card.points_added").get(0));
    assertThat(event.path("campaign").path("name").asString()).isEqualTo("club");
    assertThat(event.path("voucher").path("code").asString()).isEqualTo(code);
    assertThat(event.path("balance").path("points").asLong()).isEqualTo(500);
    assertThat(event.path("transaction").path("type").asString()).isEqualTo("POINTS_ADDITION");
    assertThat(event.path("customer").path("source_id").asString()).isEqualTo("ada");
    assertThat(ok(api.get("/v1/customers/ada")).path("loyalty").path("points").asLong())
        .isEqualTo(350);
  }

  @Test
  void aRepeatedSourceIdReturnsTheFirstChangeAndChangesNothing() {
    Api api = newProject();
    program(api, "club", 0, 0, null);
    String code = member(api, "club", "ada");
    Map<String, Object> body = Map.of("points", 70, "source_id", "import-1");
    JsonNode first = ok(api.post("/v1/loyalties/club/members/" + code + "/balance", body));
    JsonNode again = ok(api.post("/v1/loyalties/club/members/" + code + "/balance", body));
    assertThat(again.path("balance").asLong()).isEqualTo(first.path("balance").asLong());
    assertThat(balance(api, code)).isEqualTo(70);
    assertThat(events(api).count("customer.voucher.loyalty_card.points_added")).isEqualTo(1);
  }

  @Test
  void badBalanceChangesAreRejectedWithTheReferenceKeysAndChangeNothing() {
    Api api = newProject();
    program(api, "club", 2, 0, null);
    String code = member(api, "club", "ada");
    addPoints(api, "club", code, 100);
    String path = "/v1/loyalties/club/members/" + code + "/balance";
    error(api.post(path, Map.of("points", -101)), 400, "loyalty_card_points_exceeded");
    error(api.post(path, Map.of()), 400, "invalid_add_balance_params");
    error(api.post(path, Map.of("points", 0)), 400, "invalid_add_balance_params");
    error(api.post(path, Map.of("points", "ten")), 400, "invalid_add_balance_params");
    error(
        api.post(path, Map.of("points", 5, "expiration_type", "SOMEDAY")),
        400,
        "invalid_add_balance_params");
    error(
        api.post(path, Map.of("points", 5, "expiration_type", "CUSTOM_DATE")),
        400,
        "invalid_add_balance_params");
    error(
        api.post("/v1/loyalties/club/members/NOPE/balance", Map.of("points", 5)), 404, "not_found");
    error(
        api.post("/v1/loyalties/nope/members/" + code + "/balance", Map.of("points", 5)),
        404,
        "not_found");
    String unpublished =
        ok(api.get("/v1/vouchers?campaign=club"))
            .path("vouchers")
            .findValuesAsString("code")
            .stream()
            .filter(c -> !c.equals(code))
            .findFirst()
            .orElseThrow();
    error(
        api.post("/v1/vouchers/" + unpublished + "/balance", Map.of("amount", 5)),
        400,
        "invalid_add_balance_params");
    assertThat(balance(api, code)).isEqualTo(100);
    assertThat(ledgerSum(code)).isEqualTo(100);
    assertThat(events(api).count("customer.voucher.loyalty_card.points_added")).isEqualTo(1);
  }

  @Test
  void badProgramsAndMembersAreRejected() {
    Api api = newProject();
    error(
        api.post(
            "/v1/loyalties",
            Map.of(
                "name",
                "x",
                "voucher",
                Map.of("type", "LOYALTY_CARD", "loyalty_card", Map.of("points", -1)))),
        400,
        "invalid_campaign");
    error(
        api.post(
            "/v1/loyalties",
            Map.of(
                "name",
                "x",
                "voucher",
                Map.of(
                    "type",
                    "LOYALTY_CARD",
                    "loyalty_card",
                    Map.of("points", 1, "expiration_rules", Map.of("period_type", "WEEK"))))),
        400,
        "invalid_campaign");
    error(
        api.post(
            "/v1/loyalties",
            Map.of(
                "name",
                "x",
                "loyalty_tiers_expiration",
                Map.of("expiration_date", Map.of("type", "CUSTOM", "extend", "soon")))),
        400,
        "invalid_campaign");
    error(
        api.post("/v1/loyalties", Map.of("name", "x", "campaign_type", "PROMOTION")),
        400,
        "invalid_campaign");
    assertThat(ok(api.get("/v1/loyalties")).path("total").asInt()).isZero();
    program(api, "club", 0, 0, null);
    error(api.post("/v1/loyalties/club/members", Map.of()), 400, "missing_customer");
    error(
        api.post(
            "/v1/loyalties/club/members",
            Map.of("customer", Map.of("source_id", "ada"), "voucher", "NOT-A-CARD")),
        404,
        "not_found");
    error(api.get("/v1/customers/ada"), 404, "not_found");
  }

  @Test
  void pointsMoveBetweenCardsWithATransferOnEachLedger() {
    Api api = newProject();
    program(api, "club", 0, 100, null);
    program(api, "partner", 0, 0, null);
    String from = member(api, "partner", "ada");
    addPoints(api, "partner", from, 80);
    String to = member(api, "club", "ada");
    String path = "/v1/loyalties/club/members/" + to + "/transfers";
    JsonNode card =
        ok(
            api.post(
                path, java.util.List.of(Map.of("code", from, "points", 30, "reason", "merge"))));
    assertThat(card.path("loyalty_card").path("balance").asLong()).isEqualTo(130);
    assertThat(balance(api, from)).isEqualTo(50);
    assertThat(ledgerSum(from)).isEqualTo(50);
    assertThat(ledgerSum(to)).isEqualTo(130);
    JsonNode in =
        ok(api.get("/v1/loyalties/club/members/" + to + "/transactions")).path("data").get(0);
    JsonNode out =
        ok(api.get("/v1/loyalties/partner/members/" + from + "/transactions")).path("data").get(0);
    assertThat(in.path("type").asString()).isEqualTo("POINTS_TRANSFER_IN");
    assertThat(out.path("type").asString()).isEqualTo("POINTS_TRANSFER_OUT");
    assertThat(in.path("related_transaction_id").asString()).isEqualTo(out.path("id").asString());
    error(
        api.post(path, java.util.List.of(Map.of("code", from, "points", 51))),
        400,
        "loyalty_card_points_exceeded");
    error(
        api.post(path, java.util.List.of(Map.of("code", to, "points", 1))), 400, "invalid_payload");
    error(
        api.post(path, java.util.List.of(Map.of("code", from, "points", 0))),
        400,
        "invalid_payload");
    assertThat(balance(api, from)).isEqualTo(50);
    assertThat(balance(api, to)).isEqualTo(130);
  }

  @Test
  void aLoyaltyCardIsNotRedeemedAsADiscount() {
    Api api = newProject();
    program(api, "club", 0, 10, null);
    String code = member(api, "club", "ada");
    error(
        api.post(
            "/v1/redemptions",
            Map.of("redeemables", java.util.List.of(Map.of("object", "voucher", "id", code)))),
        400,
        "missing_reward");
    assertThat(balance(api, code)).isEqualTo(10);
  }

  @Test
  void anotherProjectCannotSeeOrChangeTheCard() {
    Api api = newProject();
    program(api, "club", 0, 10, null);
    String code = member(api, "club", "ada");
    Api other = newProject();
    error(other.get("/v1/loyalties/members/" + code), 404, "not_found");
    error(
        other.post("/v1/loyalties/members/" + code + "/balance", Map.of("points", 5)),
        404,
        "not_found");
    assertThat(balance(api, code)).isEqualTo(10);
  }
}
