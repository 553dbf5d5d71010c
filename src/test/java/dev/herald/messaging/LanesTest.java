package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher waits for room in its lanes: room comes back when sends finish and when their
 * outcomes are recorded (until then an outcome still counts against its lane). Either must wake it;
 * waking only on finished sends left it asleep for its whole wait whenever recording lagged behind
 * sending, which capped a node at one lane-full of webhooks per wait.
 */
class LanesTest {

  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void recordedOutcomesWakeAWaitingDispatcher() throws Exception {
    Lanes lanes = new Lanes(Map.of("webhook", 4));
    long mark = lanes.finished();
    Thread writer =
        new Thread(
            () -> {
              sleep(50);
              lanes.roomFreed(16); // a batch of outcomes recorded, no send running
            });
    writer.start();
    long t0 = System.nanoTime();
    lanes.awaitFinished(mark, 16, LONG);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(LONG.dividedBy(2));
    writer.join();
    lanes.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void finishedSendsGiveTheirRoomBackAndWakeTheDispatcher() throws Exception {
    Lanes lanes = new Lanes(Map.of("webhook", 1));
    long mark = lanes.finished();
    CountDownLatch sent = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      assertThat(lanes.tryTake("webhook")).isTrue();
      lanes.run("webhook", sent::countDown);
    }
    assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
    lanes.awaitFinished(mark, 2, LONG);
    assertThat(lanes.finished() - mark).isEqualTo(2);
    assertThat(lanes.room()).containsEntry("webhook", 2);
    lanes.shutdown(Duration.ofSeconds(1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
