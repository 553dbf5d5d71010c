package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final List<Duration> LADDER =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4));

  @Test
  void followsTheLadderAndStopsAfterTheLastStep() {
    RetryPolicy policy = new RetryPolicy(LADDER, 0);

    assertThat(policy.maxAttempts()).isEqualTo(4);
    assertThat(policy.next(NOW, 1, null)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(policy.next(NOW, 2, null)).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(policy.next(NOW, 3, null)).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
    assertThat(policy.next(NOW, 4, null)).isNull();
  }

  @RepeatedTest(20)
  void jitterOnlyEverDelaysAndStaysWithinItsFraction() {
    RetryPolicy policy = new RetryPolicy(LADDER, 0.1);

    Instant next = policy.next(NOW, 2, null);

    assertThat(next).isBetween(NOW.plus(Duration.ofMinutes(2)), NOW.plus(Duration.ofSeconds(132)));
  }

  @Test
  void retryAfterIsHonouredButNeverEarlierThanTheLadderNorBeyondADay() {
    RetryPolicy policy = new RetryPolicy(LADDER, 0);

    assertThat(policy.next(NOW, 1, Duration.ofMinutes(30)))
        .isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(policy.next(NOW, 1, Duration.ofSeconds(5)))
        .isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(policy.next(NOW, 1, Duration.ofDays(9))).isEqualTo(NOW.plus(Duration.ofHours(24)));
  }
}
