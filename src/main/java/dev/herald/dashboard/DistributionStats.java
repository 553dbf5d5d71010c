package dev.herald.dashboard;

import dev.herald.campaigns.Vouchers;
import dev.herald.messaging.MessageStats;
import dev.herald.messaging.MessageStats.Bucket;
import dev.herald.messaging.MessageStats.Point;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.work.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A distribution's numbers for the dashboard: the Analytics chart (messages sent, failed and
 * recovered per channel and hour or day) with codes published, redeemed and the redemption rate,
 * and the all-time totals the campaign view shows. A distribution of up to {@link #INLINE_LIMIT}
 * messages is counted on every request (always exact); a larger one is counted in the background
 * ({@code dashboard-stats} tasks) and its pages show the last count, at most {@link #FRESH} old
 * plus the time one count takes, marked stale while a newer one is made — so no page waits for a
 * count over hundreds of thousands of messages.
 */
@Service
public class DistributionStats {

  public static final List<String> RANGES = List.of("24h", "7d", "30d", "90d");
  public static final String ALL_TIME = "all";
  static final int INLINE_LIMIT = 20_000;
  static final int MAX_CODES = 1_000_000;
  static final Duration FRESH = Duration.ofSeconds(10);

  /** Numbers (chart or totals), whether they are older than {@link #FRESH}. */
  public record Numbers(ObjectNode data, boolean stale) {}

  private final MessageStats stats;
  private final Vouchers vouchers;
  private final StatsSnapshotRepository snapshots;
  private final TaskQueue tasks;
  private final Clock clock;
  private volatile int inlineLimit = INLINE_LIMIT;

  DistributionStats(
      MessageStats stats,
      Vouchers vouchers,
      StatsSnapshotRepository snapshots,
      TaskQueue tasks,
      Clock clock) {
    this.stats = stats;
    this.vouchers = vouchers;
    this.snapshots = snapshots;
    this.tasks = tasks;
    this.clock = clock;
  }

  public static String range(String value) {
    String r = value == null || value.isBlank() ? "7d" : value;
    if (!RANGES.contains(r)) {
      throw ApiException.badRequest("invalid_range", "The range is one of " + RANGES);
    }
    return r;
  }

  /** The chart of a range (24h, 7d, 30d, 90d) in the zone, with the code numbers. */
  public Numbers chart(ProjectId project, String id, String range, ZoneId zone) {
    return numbers(project, id, range(range) + "@" + zone.getId());
  }

  /** All-time totals: delivered, failed, recovered, codes published and redeemed, rate. */
  public Numbers totals(ProjectId project, String id) {
    return numbers(project, id, ALL_TIME);
  }

  private Numbers numbers(ProjectId project, String id, String key) {
    if (stats.countUpTo(project, id, inlineLimit + 1) <= inlineLimit) {
      return new Numbers(compute(project, id, key), false);
    }
    Instant now = clock.instant();
    Optional<StatsSnapshotRepository.Snapshot> last = snapshots.find(project, id, key);
    if (last.isPresent() && !last.get().computedAt().isBefore(now.minus(FRESH))) {
      return new Numbers(last.get().data(), false);
    }
    tasks.enqueue(
        StatsRefresh.QUEUE,
        project.value(),
        id + "|" + key,
        Json.object().put("distribution", id).put("key", key),
        now);
    return last.map(s -> new Numbers(s.data(), true))
        .orElseGet(() -> new Numbers(computing(key), true));
  }

  /** Tests lower it to see the background path with a few messages. */
  void inlineLimit(int messages) {
    this.inlineLimit = messages;
  }

  /** Counts and stores one snapshot (the background task). */
  void refresh(ProjectId project, String id, String key) {
    ObjectNode data = compute(project, id, key);
    snapshots.save(project, id, key, data, clock.instant());
  }

  ObjectNode compute(ProjectId project, String id, String key) {
    ObjectNode out;
    if (key.equals(ALL_TIME)) {
      out = Json.object();
      List<MessageStats.Totals> totals = stats.totals(project, List.of(id));
      MessageStats.Totals t =
          totals.isEmpty() ? new MessageStats.Totals(id, 0, 0, 0, 0) : totals.get(0);
      out.put("delivered", t.delivered());
      out.put("failed", t.failed());
      out.put("recovered", t.recovered());
      out.set("codes", codes(project, id, t.codes()));
    } else {
      String[] parts = key.split("@", 2);
      out = chartData(project, id, parts[0], ZoneId.of(parts[1]));
      long published = stats.totals(project, List.of(id)).stream().mapToLong(t -> t.codes()).sum();
      out.set("codes", codes(project, id, published));
    }
    out.put("computed_at", Times.format(clock.instant()));
    return out;
  }

  private ObjectNode codes(ProjectId project, String id, long published) {
    long redeemed =
        published == 0 ? 0 : vouchers.countRedeemed(project, stats.codes(project, id, MAX_CODES));
    ObjectNode out = Json.object();
    out.put("published", published);
    out.put("redeemed", redeemed);
    out.put(
        "rate",
        published == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", redeemed * 100.0 / published));
    return out;
  }

  private ObjectNode chartData(ProjectId project, String id, String range, ZoneId zone) {
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
    Map<String, long[]> series = new LinkedHashMap<>();
    for (Point p : stats.outcomes(project, id, first.toInstant(), to, bucket, zone)) {
      int i = xs.indexOf(p.bucket());
      if (i >= 0) { // a bucket off the axis is a DST edge
        add(series, p.channel() + " sent", xs.size(), i, p.sent());
        add(series, p.channel() + " failed", xs.size(), i, p.failed());
        add(series, p.channel() + " recovered", xs.size(), i, p.recovered());
      }
    }
    ObjectNode out = Json.object();
    out.put("range", range);
    out.put("bucket", bucket.name().toLowerCase(Locale.ROOT));
    ArrayNode x = out.putArray("x");
    xs.forEach(t -> x.add(t.getEpochSecond()));
    ArrayNode out2 = out.putArray("series");
    long totalSent = 0;
    for (Map.Entry<String, long[]> e : series.entrySet()) {
      ObjectNode s = out2.addObject();
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
    out.put("from", Times.format(first.toInstant()));
    out.put("to", Times.format(to));
    return out;
  }

  private static void add(Map<String, long[]> series, String key, int size, int i, long v) {
    series.computeIfAbsent(key, k -> new long[size])[i] += v;
  }

  /** What a large distribution shows before its first count is ready. */
  private static ObjectNode computing(String key) {
    ObjectNode out = Json.object();
    out.put("computing", true);
    if (key.equals(ALL_TIME)) {
      out.putNull("delivered");
      out.putNull("failed");
      out.putNull("recovered");
    } else {
      out.put("range", key.split("@", 2)[0]);
      out.put("bucket", key.startsWith("24h") ? "hour" : "day");
      out.putArray("x");
      out.putArray("series");
      out.put("total_sent", 0);
    }
    ObjectNode codes = out.putObject("codes");
    codes.put("published", "…");
    codes.put("redeemed", "…");
    codes.put("rate", "…");
    return out;
  }
}
