package dev.herald.dashboard.web;

import dev.herald.analytics.Analytics;
import dev.herald.analytics.AnalyticsQuery;
import dev.herald.dashboard.DashboardUser;
import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Analytics tab: messages delivered ("sent"), failed and recovered per channel type over a
 * chosen time range (24 hours by the hour; 7, 30 or 90 days by the day, in the project's zone), and
 * the distribution's codes published, redeemed and the redemption rate over its life. Every number
 * comes from {@link Analytics} (the delivery and code roll-ups): no page counts message rows.
 */
@Component
class DistributionMetrics {

  static final List<String> RANGES = List.of("24h", "7d", "30d", "90d");

  static final Map<String, String> RANGE_LABELS =
      Map.of(
          "24h",
          "Last 24 hours",
          "7d",
          "Last 7 days",
          "30d",
          "Last 30 days",
          "90d",
          "Last 90 days");

  private final Analytics analytics;
  private final Clock clock;

  DistributionMetrics(Analytics analytics, Clock clock) {
    this.analytics = analytics;
    this.clock = clock;
  }

  static String range(String value) {
    String r = value == null || value.isBlank() ? "7d" : value;
    if (!RANGES.contains(r)) {
      throw ApiException.badRequest("invalid_range", "The range is one of " + RANGES);
    }
    return r;
  }

  void analyticsModel(
      DashboardUser user, String id, Map<String, String> params, ZoneId zone, Model model) {
    String range = range(params.get("range"));
    Map<String, Object> chart = Views.map(chart(user, id, range, zone));
    model.addAttribute("range", range);
    model.addAttribute("ranges", RANGES);
    model.addAttribute("rangeLabels", RANGE_LABELS);
    model.addAttribute("chart", chart);
    model.addAttribute("codes", chart.get("codes"));
  }

  /**
   * The chart's data: {@code x} (bucket starts, epoch seconds), {@code series} ({@code "<channel>
   * sent|failed|recovered"} with {@code values} and {@code total}; a channel type appears once it
   * delivered or failed a message in the range), {@code total_sent}, {@code codes}.
   */
  ObjectNode chart(DashboardUser user, String id, String range, ZoneId zone) {
    boolean hourly = range.equals("24h");
    ObjectNode report = analytics.distribution(user.project(), id, query(range, zone));

    ObjectNode out = Json.object();
    out.put("range", range);
    out.put("bucket", hourly ? "hour" : "day");
    ArrayNode x = out.putArray("x");
    report
        .path("series")
        .forEach(p -> x.add(Times.parseOrNull(p.path("start").asString()).getEpochSecond()));
    ArrayNode series = out.putArray("series");
    long totalSent = 0;
    for (Map.Entry<String, long[]> e :
        byChannelType(report.path("channels"), x.size()).entrySet()) {
      ObjectNode s = series.addObject();
      s.put("label", e.getKey());
      ArrayNode values = s.putArray("values");
      long total = 0;
      for (long v : e.getValue()) {
        values.add(v);
        total += v;
      }
      s.put("total", total);
      if (e.getKey().endsWith(" sent")) {
        totalSent += total;
      }
    }
    out.put("total_sent", totalSent);
    out.put("from", report.path("start_date").asString());
    out.put("to", report.path("end_date").asString());
    out.set("codes", codes(report.path("lifetime")));
    return out;
  }

  /** The range's buckets, ending with the current local hour (24h) or day. */
  private AnalyticsQuery query(String range, ZoneId zone) {
    boolean hourly = range.equals("24h");
    ChronoUnit unit = hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS;
    int count =
        switch (range) {
          case "24h" -> 24;
          case "30d" -> 30;
          case "90d" -> 90;
          default -> 7;
        };
    ZonedDateTime last = clock.instant().atZone(zone).truncatedTo(unit);
    ZonedDateTime first = last.minus(count - 1L, unit);
    return new AnalyticsQuery(
        Times.format(first.toInstant()),
        Times.format(last.plus(1, unit).toInstant()),
        hourly ? "hour" : "day");
  }

  /** Channels of the same type add up; a type with nothing delivered or failed stays out. */
  private static Map<String, long[]> byChannelType(JsonNode channels, int size) {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (JsonNode c : channels) {
      JsonNode totals = c.path("totals");
      if (totals.path("delivered").asLong() + totals.path("failed").asLong() == 0) {
        continue;
      }
      String type = c.path("type").asString();
      long[] sent = out.computeIfAbsent(type + " sent", k -> new long[size]);
      long[] failed = out.computeIfAbsent(type + " failed", k -> new long[size]);
      long[] recovered = out.computeIfAbsent(type + " recovered", k -> new long[size]);
      JsonNode points = c.path("series");
      for (int i = 0; i < size && i < points.size(); i++) {
        sent[i] += points.get(i).path("delivered").asLong();
        failed[i] += points.get(i).path("failed").asLong();
        recovered[i] += points.get(i).path("recovered").asLong();
      }
    }
    return out;
  }

  /** Codes published, redeemed, and the rate as the pages show it ("50.0%", "—" for none). */
  static ObjectNode codes(JsonNode lifetime) {
    long published = lifetime.path("codes_published").asLong();
    long redeemed = lifetime.path("codes_redeemed").asLong();
    ObjectNode out = Json.object();
    out.put("published", published);
    out.put("redeemed", redeemed);
    out.put(
        "rate",
        published == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", redeemed * 100.0 / published));
    return out;
  }
}
