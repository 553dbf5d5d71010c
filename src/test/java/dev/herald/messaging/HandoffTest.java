package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory hand-over of messages a node queued and claimed at once: its places and leases. */
class HandoffTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private final Handoff handoff = new Handoff();

  @Test
  void placesAreBoundedTakenBackWhenTakenOrReleasedAndNoneWhileClosed() {
    assertThat(handoff.reserve(10, NOW).count()).as("no dispatcher runs here yet").isZero();
    handoff.open("node-a", Duration.ofMinutes(2));

    Handoff.Grant first = handoff.reserve(Handoff.CAPACITY + 500, NOW);
    assertThat(first.count()).isEqualTo(Handoff.CAPACITY);
    assertThat(first.node()).isEqualTo("node-a");
    assertThat(first.leaseUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(handoff.reserve(1, NOW).count()).as("full").isZero();

    handoff.release(400); // a batch rolled back or found its rows already there
    handoff.hand(handed(600, "webhook", first.leaseUntil()));
    assertThat(handoff.reserve(1_000, NOW).count()).isEqualTo(400);

    List<Handoff.Handed> taken = handoff.take("webhook", 250);
    assertThat(taken).hasSize(250);
    assertThat(taken.get(0).message().id()).as("oldest first").isEqualTo("msg_0");
    assertThat(handoff.take("email", 10)).isEmpty();
    assertThat(handoff.reserve(1_000, NOW).count()).isEqualTo(250);

    List<Handoff.Handed> left = handoff.close();
    assertThat(left).as("what was not taken goes back to the dispatcher").hasSize(350);
    assertThat(handoff.reserve(10, NOW).count()).isZero();
    handoff.hand(handed(5, "webhook", first.leaseUntil()));
    assertThat(handoff.take("webhook", 10)).as("nothing is handed to a stopped node").isEmpty();

    handoff.open("node-b", Duration.ofMinutes(2));
    assertThat(handoff.reserve(Handoff.CAPACITY, NOW).count()).isEqualTo(Handoff.CAPACITY);
  }

  @Test
  void aHandedMessageIsSentOnlyWhileMoreThanHalfItsLeaseIsLeft() {
    handoff.open("node-a", Duration.ofMinutes(2));
    Handoff.Handed h = handed(1, "webhook", handoff.reserve(1, NOW).leaseUntil()).get(0);
    assertThat(handoff.fresh(h, NOW)).isTrue();
    assertThat(handoff.fresh(h, NOW.plusSeconds(59))).isTrue();
    assertThat(handoff.fresh(h, NOW.plusSeconds(60))).isFalse();
    assertThat(handoff.fresh(h, NOW.plusSeconds(200))).isFalse();
  }

  private static List<Handoff.Handed> handed(int n, String type, Instant leaseUntil) {
    List<Handoff.Handed> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Message m = ClaimedMessages.claimed("msg_" + i, type, "cust_" + i, NOW);
      out.add(new Handoff.Handed(m, leaseUntil));
    }
    return out;
  }
}
