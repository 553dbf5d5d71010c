package dev.herald.campaigns;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Helpers shared by the promotion API tests. */
abstract class PromoTestSupport extends HeraldTest {

  @Autowired protected JdbcClient jdbc;

  protected static JsonNode discountCampaign(
      Api api, String name, String type, int count, Integer quantity) {
    Map<String, Object> voucher =
        new java.util.HashMap<>(
            Map.of(
                "type", "DISCOUNT_VOUCHER",
                "discount", Map.of("type", "AMOUNT", "amount_off", 1000),
                "code_config", Map.of("length", 10)));
    if (quantity != null) {
      voucher.put("redemption", Map.of("quantity", quantity));
    }
    return ok(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name", name,
                "campaign_type", "DISCOUNT_COUPONS",
                "type", type,
                "vouchers_count", count,
                "voucher", voucher)));
  }

  /** Runs {@code n} tasks at once on real threads and returns their results. */
  protected static <T> List<T> parallel(int n, java.util.function.IntFunction<T> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
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
