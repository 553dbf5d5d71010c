package dev.herald.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.projects.ProjectId;
import dev.herald.support.HeraldTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery roll-ups in stripes (decision 0021): threads adding to one distribution, slot and
 * channel at the same time write rows of their own and never wait for each other's commits, and
 * every read sums them.
 */
class DeliveryStripesTest extends HeraldTest {

  @Autowired DeliveryRepository repository;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;

  @Test
  void concurrentWritersOfOneSlotDoNotWaitForEachOtherAndReadsSumThem() throws Exception {
    String project = "proj_stripes";
    String distribution = "distr_stripes_" + System.nanoTime();
    Instant slot = Slots.slot(Instant.parse("2026-11-29T10:07:00Z"));
    DeliveryRepository.Delta queued =
        new DeliveryRepository.Delta(
            project, distribution, "chan_1", "webhook", slot, new DeliveryCounts(3, 0, 0, 0, 0, 0));
    DeliveryRepository.Delta sent =
        new DeliveryRepository.Delta(
            project, distribution, "chan_1", "webhook", slot, new DeliveryCounts(0, 2, 1, 1, 0, 0));

    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch bothAdded = new CountDownLatch(2);
    List<Future<?>> done = new ArrayList<>();
    for (DeliveryRepository.Delta d : List.of(queued, sent)) {
      done.add(
          threads.submit(
              () ->
                  tx.executeWithoutResult(
                      s -> {
                        repository.add(List.of(d));
                        bothAdded.countDown();
                        try {
                          // both hold their rows' locks until the other has added too
                          assertThat(bothAdded.await(10, TimeUnit.SECONDS))
                              .as("the other writer was not held up by this one's row")
                              .isTrue();
                        } catch (InterruptedException e) {
                          throw new IllegalStateException(e);
                        }
                      })));
    }
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    threads.shutdown();

    assertThat(
            jdbc.sql(
                    "select count(distinct stripe) from analytics_delivery where distribution_id = :d")
                .param("d", distribution)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    DeliveryCounts total = new DeliveryCounts(3, 2, 1, 1, 0, 0);
    assertThat(repository.totals(new ProjectId(project), distribution))
        .singleElement()
        .satisfies(r -> assertThat(r.counts()).isEqualTo(total));
    assertThat(
            repository.series(
                new ProjectId(project), distribution, List.of(slot, slot.plusSeconds(3600))))
        .singleElement()
        .satisfies(r -> assertThat(r.counts()).isEqualTo(total));
  }
}
