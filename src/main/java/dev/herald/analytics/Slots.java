package dev.herald.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Time slots of the roll-ups and the report buckets built from them. Roll-ups count per 15-minute
 * slot starting at a UTC quarter hour; since every UTC offset in use is a multiple of 15 minutes,
 * each local hour and local day of any time zone is a whole number of slots, and a report bucket is
 * the exact sum of its slots.
 */
final class Slots {

  static final long SLOT_SECONDS = Duration.ofMinutes(15).toSeconds();

  private Slots() {}

  /** The slot holding {@code at}: its start. */
  static Instant slot(Instant at) {
    long s = at.getEpochSecond();
    return Instant.ofEpochSecond(Math.floorDiv(s, SLOT_SECONDS) * SLOT_SECONDS);
  }

  /** The start of the local hour or day holding {@code at}. */
  static Instant floor(Instant at, ZoneId zone, AnalyticsQuery.Granularity g) {
    ZonedDateTime local = at.atZone(zone);
    return g == AnalyticsQuery.Granularity.DAY
        ? local.toLocalDate().atStartOfDay(zone).toInstant()
        : local.truncatedTo(ChronoUnit.HOURS).toInstant();
  }

  /** The start of the bucket after the one starting at {@code start}. */
  static Instant next(Instant start, ZoneId zone, AnalyticsQuery.Granularity g) {
    if (g == AnalyticsQuery.Granularity.DAY) {
      LocalDate day = start.atZone(zone).toLocalDate();
      return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
    // an hour on the instant time line, then back to the local hour's start (zones whose DST shift
    // is not a whole hour realign here)
    Instant candidate = floor(start.plus(Duration.ofHours(1)), zone, g);
    return candidate.isAfter(start) ? candidate : start.plus(Duration.ofHours(1));
  }

  /**
   * The bucket boundaries from {@code from} (a bucket start) up to the first boundary at or after
   * {@code to}: n buckets need n + 1 boundaries.
   */
  static List<Instant> boundaries(
      Instant from, Instant to, ZoneId zone, AnalyticsQuery.Granularity g) {
    List<Instant> out = new ArrayList<>();
    Instant b = from;
    out.add(b);
    while (b.isBefore(to)) {
      b = next(b, zone, g);
      out.add(b);
    }
    return out;
  }
}
