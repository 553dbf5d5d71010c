package dev.herald.shared.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Wake-ups on one node: every thread waiting for a name wakes, each remembering its own. */
class WakeupsTest extends HeraldTest {

  @Autowired Wakeups wakeups;

  @Test
  void oneWakeUpWakesEveryThreadWaitingForTheName() throws Exception {
    String name = "test-wake-" + System.nanoTime();
    CountDownLatch waiting = new CountDownLatch(3);
    List<CompletableFuture<Long>> woken = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      woken.add(
          CompletableFuture.supplyAsync(
              () -> {
                WakeSignal signal = wakeups.signal(name);
                waiting.countDown();
                long start = System.nanoTime();
                try {
                  signal.await(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                } finally {
                  wakeups.forget(name, signal);
                }
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
              }));
    }
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

    wakeups.wakeLocally(name);

    for (CompletableFuture<Long> f : woken) {
      assertThat(f.get(10, TimeUnit.SECONDS))
          .as("woken by the one wake-up, not by the 30 s timeout")
          .isLessThan(10_000);
    }
  }

  @Test
  void aWakeUpBeforeAThreadWaitsIsNotLost() throws Exception {
    String name = "test-wake-early-" + System.nanoTime();
    WakeSignal first = wakeups.signal(name);
    WakeSignal second = wakeups.signal(name);
    try {
      wakeups.wakeLocally(name);
      long start = System.nanoTime();
      first.await(Duration.ofSeconds(30));
      second.await(Duration.ofSeconds(30));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .as("each thread's latch kept the wake-up")
          .isLessThan(10_000);
    } finally {
      wakeups.forget(name, first);
      wakeups.forget(name, second);
    }
  }
}
