package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.projects.ProjectId;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Message limits and rate limits hold across concurrent senders (real threads, real PostgreSQL).
 */
class CountersTest extends HeraldTest {

  @Autowired CounterRepository counters;
  @Autowired TransactionTemplate tx;

  private static <T> List<T> concurrently(int threads, Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(work));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void concurrentSendersNeverOvershootADailyLimit() throws Exception {
    ProjectId project = new ProjectId("proj_" + UUID.randomUUID());
    Instant now = Instant.parse("2030-05-05T10:00:00Z");
    List<Long> granted =
        concurrently(
            12,
            () -> tx.execute(s -> counters.reserve(project, now, ZoneId.of("UTC"), 2, 15L, null)));
    assertThat(granted.stream().mapToLong(Long::longValue).sum()).isEqualTo(15);
    assertThat(counters.used(project, CounterRepository.day(now, ZoneId.of("UTC")))).isEqualTo(15);
    assertThat(counters.used(project, CounterRepository.month(now, ZoneId.of("UTC"))))
        .isEqualTo(15);
  }

  @Test
  void dayAndMonthAreThoseOfTheProjectsTimeZone() {
    ProjectId project = new ProjectId("proj_" + UUID.randomUUID());
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    Instant lateUtc = Instant.parse("2030-05-31T20:00:00Z"); // already June 1st in Tokyo
    tx.execute(s -> counters.reserve(project, lateUtc, tokyo, 3, 5L, 100L));
    assertThat(CounterRepository.day(lateUtc, tokyo)).isEqualTo("D:2030-06-01");
    assertThat(counters.used(project, "M:2030-06")).isEqualTo(3);
    assertThat(counters.used(project, "M:2030-05")).isZero();
    long nextDay =
        tx.execute(
            s -> counters.reserve(project, lateUtc.plus(Duration.ofDays(1)), tokyo, 9, 5L, 100L));
    assertThat(nextDay).isEqualTo(5);
    long monthCap =
        tx.execute(
            s -> counters.reserve(project, lateUtc.plus(Duration.ofDays(2)), tokyo, 9, null, 10L));
    assertThat(monthCap).isEqualTo(2);
  }

  @Test
  void concurrentSendersShareOneRateLimit() throws Exception {
    String key = "test:" + UUID.randomUUID();
    Instant now = Instant.parse("2030-05-05T10:00:00Z");
    List<Long> granted =
        concurrently(10, () -> tx.execute(s -> counters.takeTokens(key, 4, 1, now)));
    assertThat(granted.stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
    long halfSecondLater = tx.execute(s -> counters.takeTokens(key, 4, 10, now.plusMillis(500)));
    assertThat(halfSecondLater).isEqualTo(2);
    long muchLater = tx.execute(s -> counters.takeTokens(key, 4, 10, now.plusSeconds(10)));
    assertThat(muchLater).as("never more than one second's worth").isEqualTo(4);
  }
}
