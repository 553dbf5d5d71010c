package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher waits for room in its lanes: room comes back when sends finish and when their
 * outcomes are recorded (until then an outcome still counts against its lane). Either must wake it;
 * waking only on finished sends left it asleep for its whole wait whenever recording lagged behind
 * sending, which capped a node at one lane-full of webhooks per wait. A lane of few threads must
 * not wait for more than its room can give back: neither the dispatcher for a refill nor the writer
 * for a fuller batch.
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

  @Test
  void aFullLaneOfFewThreadsIsRefilledWhenHalfItsRoomCameBack() {
    Lanes lanes = new Lanes(Map.of("webhook", 4, "email", 64, "sms", 1));
    assertThat(lanes.capacity("webhook")).isEqualTo(8);
    assertThat(lanes.capacity("push")).isZero();
    // every lane has room: a batch's worth
    assertThat(lanes.refill(Map.of("webhook", 1, "email", 1, "sms", 1), 16)).isEqualTo(16);
    // the webhook lane is full: half of its 8, not 16 it could never give back in one go
    assertThat(lanes.refill(Map.of("email", 1, "sms", 1), 16)).isEqualTo(4);
    assertThat(lanes.refill(Map.of("webhook", 1, "sms", 1), 16)).isEqualTo(16);
    assertThat(lanes.refill(Map.of("webhook", 1, "email", 1), 16)).isEqualTo(1);
    lanes.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void outcomesHoldingHalfALanesRoomAreRecordedWithoutWaitingForMore() {
    Lanes lanes = new Lanes(Map.of("webhook", 8, "email", 64));
    ResultWriter writer =
        new ResultWriter("node", null, null, null, null, null, lanes::capacity, n -> {});
    Instant now = Instant.parse("2026-11-29T00:00:00Z");
    Message webhook = ClaimedMessages.claimed("msg_1", "webhook", "cust_1", now);
    Message email = ClaimedMessages.claimed("msg_2", "email", "cust_1", now);
    for (int i = 0; i < 7; i++) {
      writer.add(Outcome.release(webhook));
      writer.add(Outcome.release(email));
    }
    assertThat(writer.laneWaits()).isFalse(); // 7 of 16 and 7 of 128
    writer.add(Outcome.release(webhook));
    assertThat(writer.laneWaits()).isTrue(); // 8 of the webhook lane's 16
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
