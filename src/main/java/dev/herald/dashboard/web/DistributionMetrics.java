package dev.herald.dashboard.web;

import dev.herald.campaigns.Vouchers;
import dev.herald.dashboard.DashboardUser;
import dev.herald.messaging.MessageStats;
import dev.herald.messaging.MessageStats.Bucket;
import dev.herald.messaging.MessageStats.Point;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The Analytics tab: messages sent, failed and recovered per channel over a chosen time range (24
 * hours by the hour; 7, 30 or 90 days by the day, in the project's zone), and codes published,
 * redeemed and the redemption rate.
 */
@Component
class DistributionMetrics {

  static final Map<String, String> RANGES =
      Map.of(
          "24h",
          "Last 24 hours",
          "7d",
          "Last 7 days",
          "30d",
          "Last 30 days",
          "90d",
          "Last 90 days");
  static final List<String> RANGE_ORDER = List.of("24h", "7d", "30d", "90d");
  static final int MAX_CODES = 100_000;

  private final MessageStats stats;
  private final Vouchers vouchers;
  private final Clock clock;

  DistributionMetrics(MessageStats stats, Vouchers vouchers, Clock clock) {
    this.stats = stats;
    this.vouchers = vouchers;
    this.clock = clock;
  }

  void analyticsModel(
      DashboardUser user, String id, Map<String, String> params, ZoneId zone, Model model) {
    String range = range(params.get("range"));
    Map<String, Object> chart = chart(user.project(), id, range, zone);
    model.addAttribute("range", range);
    model.addAttribute("ranges", RANGE_ORDER);
    model.addAttribute("rangeLabels", RANGES);
    model.addAttribute("chart", chart);
    model.addAttribute("codes", codes(user.project(), id));
  }

  static String range(String value) {
    String r = value == null || value.isBlank() ? "7d" : value;
    if (!RANGES.containsKey(r)) {
      throw ApiException.badRequest("invalid_range", "The range is one of " + RANGE_ORDER);
    }
    return r;
  }

  /** The chart's data: x (bucket starts, epoch seconds) and one series per channel and outcome. */
  Map<String, Object> chart(ProjectId project, String id, String range, ZoneId zone) {
    Bucket bucket = range.equals("24h") ? Bucket.HOUR : Bucket.DAY;
    ChronoUnit unit = bucket == Bucket.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
    int count =
        switch (range) {
          case "24h" -> 24;
          case "30d" -> 30;
          case "90d" -> 90;
          default -> 7;
        };
    ZonedDateTime last = clock.instant().atZone(zone).truncatedTo(unit);
    ZonedDateTime first = last.minus(count - 1L, unit);
    List<Instant> xs = new ArrayList<>();
    for (ZonedDateTime t = first; !t.isAfter(last); t = t.plus(1, unit)) {
      xs.add(t.toInstant());
    }
    Instant to = last.plus(1, unit).toInstant();
    List<Point> points = stats.outcomes(project, id, first.toInstant(), to, bucket, zone);
    Map<String, long[]> series = new LinkedHashMap<>();
    for (Point p : points) {
      int i = xs.indexOf(p.bucket());
      if (i < 0) {
        continue; // a DST edge: the bucket is not on the axis
      }
      add(series, p.channel() + " sent", xs.size(), i, p.sent());
      add(series, p.channel() + " failed", xs.size(), i, p.failed());
      add(series, p.channel() + " recovered", xs.size(), i, p.recovered());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    long totalSent = 0;
    for (Map.Entry<String, long[]> e : series.entrySet()) {
      long total = 0;
      List<Long> values = new ArrayList<>();
      for (long v : e.getValue()) {
        values.add(v);
        total += v;
      }
      if (e.getKey().endsWith(" sent")) {
        totalSent += total;
      }
      out.add(Map.of("label", e.getKey(), "values", values, "total", total));
    }
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("range", range);
    chart.put("bucket", bucket.name().toLowerCase(java.util.Locale.ROOT));
    chart.put("x", xs.stream().map(Instant::getEpochSecond).toList());
    chart.put("series", out);
    chart.put("total_sent", totalSent);
    chart.put("from", first.toInstant().toString());
    chart.put("to", to.minus(Duration.ofSeconds(1)).toString());
    return chart;
  }

  private static void add(Map<String, long[]> series, String key, int size, int i, long v) {
    series.computeIfAbsent(key, k -> new long[size])[i] += v;
  }

  /** Codes published by the distribution, how many were redeemed, and the rate. */
  Map<String, Object> codes(ProjectId project, String id) {
    List<MessageStats.Totals> totals = stats.totals(project, List.of(id));
    long published = totals.isEmpty() ? 0 : totals.get(0).codes();
    long redeemed =
        published == 0 ? 0 : vouchers.countRedeemed(project, stats.codes(project, id, MAX_CODES));
    return codeFacts(published, redeemed);
  }

  static Map<String, Object> codeFacts(long published, long redeemed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("published", published);
    out.put("redeemed", redeemed);
    out.put("rate", rate(redeemed, published));
    return out;
  }

  static String rate(long redeemed, long published) {
    if (published == 0) {
      return "—";
    }
    return String.format(java.util.Locale.ROOT, "%.1f%%", redeemed * 100.0 / published);
  }
}
