package dev.herald.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Helpers shared by the loyalty tests. */
abstract class LoyaltyTestSupport extends HeraldTest {

  @Autowired protected JdbcClient jdbc;

  /** A loyalty program with {@code count} cards, initial {@code points} and optional rules. */
  protected static JsonNode program(
      Api api, String name, int count, long points, Map<String, Object> expirationRules) {
    Map<String, Object> card = new HashMap<>();
    card.put("points", points);
    if (expirationRules != null) {
      card.put("expiration_rules", expirationRules);
    }
    return ok(
        api.post(
            "/v1/loyalties",
            Map.of(
                "name",
                name,
                "type",
                "AUTO_UPDATE",
                "vouchers_count",
                count,
                "voucher",
                Map.of("type", "LOYALTY_CARD", "loyalty_card", card))));
  }

  /** Publishes a card of {@code program} to the customer with {@code sourceId}; its code. */
  protected static String member(Api api, String program, String sourceId) {
    return ok(api.post(
            "/v1/loyalties/" + program + "/members",
            Map.of("customer", Map.of("source_id", sourceId, "email", sourceId + "@example.com"))))
        .path("code")
        .asString();
  }

  protected static JsonNode addPoints(Api api, String program, String code, long points) {
    return ok(
        api.post(
            "/v1/loyalties/" + program + "/members/" + code + "/balance",
            Map.of("points", points)));
  }

  protected static long balance(Api api, String code) {
    return ok(api.get("/v1/vouchers/" + code)).path("loyalty_card").path("balance").asLong();
  }

  protected long ledgerSum(String code) {
    return jdbc.sql(
            "select coalesce(sum(t.points), 0) from loyalty_transaction t"
                + " join loyalty_card c on c.voucher_id = t.voucher_id where c.code = :code")
        .param("code", code)
        .query(Long.class)
        .single();
  }

  protected long storedBalance(String code) {
    return jdbc.sql("select balance from loyalty_card where code = :code")
        .param("code", code)
        .query(Long.class)
        .single();
  }

  /** Waits until the event type has been appended {@code n} times (and stays so briefly). */
  protected void awaitEvents(Api api, String type, long n) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(events(api).count(type)).as(type).isEqualTo(n));
  }

  protected void stillEvents(Api api, String type, long n) {
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(events(api).count(type)).as(type).isEqualTo(n));
  }

  /** Runs {@code n} tasks at once on real threads and returns their results. */
  protected static <T> List<T> parallel(int n, IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        Callable<T> c =
            () -> {
              start.await();
              return task.apply(index);
            };
        futures.add(pool.submit(c));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
