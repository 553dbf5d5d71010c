package dev.herald.analytics;

import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The buckets of a report: the requested range widened to whole buckets of the granularity in the
 * project's time zone, as boundaries (n buckets, n + 1 instants).
 */
record ReportRange(AnalyticsQuery.Granularity granularity, ZoneId zone, List<Instant> boundaries) {

  static final int MAX_HOURS = 24 * 62;
  static final int MAX_DAYS = 732;

  Instant from() {
    return boundaries.get(0);
  }

  Instant to() {
    return boundaries.get(boundaries.size() - 1);
  }

  int buckets() {
    return boundaries.size() - 1;
  }

  /** Resolves a query; {@code createdAt} and {@code now} give the defaults. 400 for bad input. */
  static ReportRange of(AnalyticsQuery q, ZoneId zone, Instant createdAt, Instant now) {
    AnalyticsQuery.Granularity g = granularity(q.granularity());
    Instant end = q.endDate() == null ? now : instant("end_date", q.endDate(), zone, true);
    Instant start;
    if (q.startDate() != null) {
      start = instant("start_date", q.startDate(), zone, false);
    } else {
      Instant earliest =
          end.minus(
              g == AnalyticsQuery.Granularity.DAY ? Duration.ofDays(30) : Duration.ofHours(48));
      start = createdAt.isAfter(earliest) ? createdAt : earliest;
      if (!start.isBefore(end)) {
        start = end.minus(Duration.ofSeconds(1));
      }
    }
    if (!start.isBefore(end)) {
      throw invalid("start_date must be before end_date");
    }
    Instant from = Slots.floor(start, zone, g);
    long approx =
        Duration.between(from, end).toHours() / (g == AnalyticsQuery.Granularity.DAY ? 24 : 1);
    int max = g == AnalyticsQuery.Granularity.DAY ? MAX_DAYS : MAX_HOURS;
    if (approx > max) {
      throw invalid(
          "the range holds more than "
              + max
              + " "
              + (g == AnalyticsQuery.Granularity.DAY ? "days" : "hours")
              + "; choose a shorter range or day granularity");
    }
    return new ReportRange(g, zone, Slots.boundaries(from, end, zone, g));
  }

  private static AnalyticsQuery.Granularity granularity(String value) {
    if (value == null) {
      return AnalyticsQuery.Granularity.DAY;
    }
    try {
      return AnalyticsQuery.Granularity.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("granularity must be hour or day (got '" + value + "')");
    }
  }

  /** An ISO instant, or a date in the zone: its start, or for an end date the next day's start. */
  private static Instant instant(String name, String value, ZoneId zone, boolean end) {
    try {
      LocalDate date = LocalDate.parse(value.trim());
      return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      Instant parsed = Times.parseOrNull(value.trim());
      if (parsed == null) {
        throw invalid(name + " must be an ISO-8601 date or date-time (got '" + value + "')");
      }
      return parsed;
    }
  }

  private static ApiException invalid(String details) {
    return ApiException.badRequest("invalid_query_params", details);
  }
}
