package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Walks a message through its retry ladder by moving the clock, checking it never runs early. */
final class Ladders {

  private Ladders() {}

  /**
   * For each step: the attempt is made, the message waits for the next, nothing happens shortly
   * before the step's delay, and it happens within the step plus its 10 % jitter.
   */
  static void walk(
      DeliveryFixture f,
      String distribution,
      String channel,
      List<Duration> ladder,
      TestClock clock) {
    for (int step = 1; step <= ladder.size(); step++) {
      int made = step;
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                JsonNode m = only(f, distribution, channel);
                assertThat(m.get("attempts").asInt()).isEqualTo(made);
                assertThat(m.get("status").asString()).isEqualTo("RETRY_SCHEDULED");
              });
      Duration delay = ladder.get(step - 1);
      clock.advance(delay.minusSeconds(2));
      await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(2))
          .untilAsserted(
              () ->
                  assertThat(only(f, distribution, channel).get("attempts").asInt())
                      .as("not before its time")
                      .isEqualTo(made));
      clock.advance(Duration.ofSeconds(2).plus(delay.dividedBy(10)).plusSeconds(1));
    }
  }

  private static JsonNode only(DeliveryFixture f, String distribution, String channel) {
    List<JsonNode> ms =
        f.messages(distribution).stream()
            .filter(m -> m.get("channel").asString().equals(channel))
            .toList();
    assertThat(ms).as("messages of the %s channel", channel).hasSize(1);
    return ms.get(0);
  }

  /** The attempt log's gaps are at least the ladder's delays. */
  static void assertGaps(JsonNode message, List<Duration> ladder) {
    List<Instant> starts = new ArrayList<>();
    message
        .get("attempt_log")
        .forEach(a -> starts.add(Instant.parse(a.get("started_at").asString())));
    assertThat(starts).hasSize(ladder.size() + 1);
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.between(starts.get(i - 1), starts.get(i)))
          .as("gap before attempt " + (i + 1))
          .isGreaterThanOrEqualTo(ladder.get(i - 1));
    }
  }
}
