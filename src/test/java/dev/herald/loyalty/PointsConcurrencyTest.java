package dev.herald.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Concurrency claims on real PostgreSQL with real threads. */
class PointsConcurrencyTest extends LoyaltyTestSupport {

  @Test
  void fiftyParallelPointChangesOnOneCardLeaveTheBalanceEqualToTheLedgerSum() throws Exception {
    Api api = newProject();
    program(api, "club", 0, 1000, null);
    String code = member(api, "club", "ada");
    // 30 additions of 10 and 20 removals of 7, all at once, through both endpoints
    List<Integer> statuses =
        parallel(
            50,
            i ->
                i < 30
                    ? api.post(
                            "/v1/loyalties/club/members/" + code + "/balance", Map.of("points", 10))
                        .status()
                    : api.post("/v1/vouchers/" + code + "/balance", Map.of("amount", -7)).status());
    assertThat(statuses).containsOnly(200);
    long expected = 1000 + 30 * 10 - 20 * 7;
    assertThat(storedBalance(code)).isEqualTo(expected);
    assertThat(ledgerSum(code)).isEqualTo(expected);
    assertThat(balance(api, code)).isEqualTo(expected);
    // every ledger row's balance is the running sum in the order the changes committed
    List<long[]> rows =
        jdbc.sql(
                "select t.points, t.balance from loyalty_transaction t join loyalty_card c"
                    + " on c.voucher_id = t.voucher_id where c.code = :code order by t.seq")
            .param("code", code)
            .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
            .list();
    assertThat(rows).hasSize(51);
    long running = 0;
    for (long[] row : rows) {
      running += row[0];
      assertThat(row[1]).isEqualTo(running);
    }
    assertThat(events(api).count("customer.voucher.loyalty_card.points_added")).isEqualTo(30);
  }

  @Test
  void parallelRemovalsNeverTakeTheBalanceBelowZero() throws Exception {
    Api api = newProject();
    program(api, "club", 0, 100, null);
    String code = member(api, "club", "ada");
    List<Api.Response> results =
        parallel(
            25,
            i ->
                api.post("/v1/loyalties/club/members/" + code + "/balance", Map.of("points", -10)));
    long succeeded = results.stream().filter(r -> r.status() == 200).count();
    assertThat(succeeded).isEqualTo(10);
    results.stream()
        .filter(r -> r.status() != 200)
        .forEach(r -> error(r, 400, "loyalty_card_points_exceeded"));
    assertThat(storedBalance(code)).isZero();
    assertThat(ledgerSum(code)).isZero();
  }

  @Test
  void parallelRewardRedemptionsNeverTakePointsBelowZero() throws Exception {
    Api api = newProject();
    program(api, "club", 0, 1000, null);
    String code = member(api, "club", "ada");
    String reward =
        ok(api.post(
                "/v1/rewards",
                Map.of(
                    "name",
                    "mug",
                    "type",
                    "MATERIAL",
                    "parameters",
                    Map.of("product", Map.of("id", "prod_mug")))))
            .path("id")
            .asString();
    ok(
        api.post(
            "/v1/rewards/" + reward + "/assignments",
            Map.of("campaign", "club", "parameters", Map.of("loyalty", Map.of("points", 300)))));
    List<Api.Response> results =
        parallel(
            12,
            i ->
                api.post(
                    "/v1/loyalties/club/members/" + code + "/redemption",
                    Map.of("reward", Map.of("id", reward))));
    long succeeded = results.stream().filter(r -> r.status() == 200).count();
    assertThat(succeeded).isEqualTo(3);
    results.stream()
        .filter(r -> r.status() != 200)
        .forEach(r -> error(r, 400, "loyalty_card_points_exceeded"));
    assertThat(storedBalance(code)).isEqualTo(100);
    assertThat(ledgerSum(code)).isEqualTo(100);
    assertThat(ok(api.get("/v1/rewards/" + reward)).path("redeemed").asLong()).isEqualTo(3);
    assertThat(events(api).count("customer.reward_redemptions.completed")).isEqualTo(3);
    assertThat(events(api).count("customer.rewarded")).isEqualTo(3);
  }
}
