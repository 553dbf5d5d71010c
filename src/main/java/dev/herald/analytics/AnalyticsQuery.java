package dev.herald.analytics;

/**
 * What analytics to report: {@code startDate}/{@code endDate} — an ISO instant, or a date ({@code
 * 2026-11-02}) in the project's time zone, the end date included — and the bucket {@code
 * granularity} ({@code hour} or {@code day}). Null fields take defaults: the end is now, the
 * granularity {@code day}, the start the distribution's creation but at most 30 days (day) or 48
 * hours (hour) before the end.
 */
public record AnalyticsQuery(String startDate, String endDate, String granularity) {

  public static final AnalyticsQuery DEFAULT = new AnalyticsQuery(null, null, null);

  /** Bucket sizes, in the project's time zone. */
  public enum Granularity {
    HOUR,
    DAY
  }
}
