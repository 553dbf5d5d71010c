package dev.herald.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimesTest {

  private static final DateTimeFormatter GENERAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void formatsEveryInstantAsTheGeneralFormatterDoes() {
    SplittableRandom random = new SplittableRandom(42);
    long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      Instant t =
          Instant.ofEpochSecond(random.nextLong(min, max + 1), random.nextInt(1_000_000_000));
      assertThat(Times.format(t)).isEqualTo(GENERAL.format(t));
    }
    for (String edge :
        new String[] {
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999999999Z",
          "2026-11-27T05:50:27.630Z",
          "2024-02-29T12:00:00.001Z",
          "0001-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999Z",
          "0000-06-01T00:00:00Z",
          "-0001-06-01T00:00:00Z",
          "+10000-01-01T00:00:00Z"
        }) {
      Instant t = Instant.parse(edge);
      assertThat(Times.format(t)).as(edge).isEqualTo(GENERAL.format(t));
    }
    assertThat(Times.format(Instant.parse("2026-11-27T05:50:27.630Z")))
        .isEqualTo("2026-11-27T05:50:27.630Z");
    assertThat(Times.format(null)).isNull();
  }
}
