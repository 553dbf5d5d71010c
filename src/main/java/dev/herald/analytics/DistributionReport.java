package dev.herald.analytics;

import dev.herald.distributions.Distribution;
import dev.herald.distributions.DistributionReads;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A distribution's analytics for a range: totals and series (all channels, and per channel) of the
 * delivery counts, codes published and redeemed, the redemption rate, and the lifetime totals. Only
 * roll-up rows are read: one row per channel and active 15-minute slot in the range.
 */
@Component
class DistributionReport {

  private static final DateTimeFormatter HOUR_LABEL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");

  private final DistributionReads distributions;
  private final Messaging messaging;
  private final Projects projects;
  private final DeliveryRepository deliveries;
  private final CodeRepository codes;
  private final Clock clock;

  DistributionReport(
      DistributionReads distributions,
      Messaging messaging,
      Projects projects,
      DeliveryRepository deliveries,
      CodeRepository codes,
      Clock clock) {
    this.distributions = distributions;
    this.messaging = messaging;
    this.projects = projects;
    this.deliveries = deliveries;
    this.codes = codes;
    this.clock = clock;
  }

  /** One channel's counts per bucket (index 1..n; 0 unused). */
  private static final class ChannelSeries {
    final String id;
    final String type;
    final DeliveryCounts[] buckets;

    ChannelSeries(String id, String type, int n) {
      this.id = id;
      this.type = type;
      this.buckets = new DeliveryCounts[n + 1];
      java.util.Arrays.fill(buckets, DeliveryCounts.ZERO);
    }
  }

  ObjectNode report(ProjectId project, String distributionId, AnalyticsQuery query) {
    Distribution d = distributions.get(project, distributionId);
    ZoneId zone = projects.timeZone(project);
    ReportRange range = ReportRange.of(query, zone, d.createdAt(), clock.instant());
    int n = range.buckets();
    Map<String, ChannelSeries> channels = new LinkedHashMap<>();
    for (Channel c : messaging.channels(project, d.id())) {
      channels.put(c.id(), new ChannelSeries(c.id(), c.type(), n));
    }
    for (DeliveryRepository.Row r : deliveries.series(project, d.id(), range.boundaries())) {
      channels.computeIfAbsent(r.channelId(), id -> new ChannelSeries(id, r.channelType(), n))
              .buckets[r.bucket()] =
          r.counts();
    }
    long[] published = new long[n + 1];
    long[] redeemed = new long[n + 1];
    for (CodeRepository.Row r : codes.series(project, d.id(), range.boundaries())) {
      published[r.bucket()] = r.published();
      redeemed[r.bucket()] = r.redeemed();
    }

    ObjectNode out = Json.object();
    out.put("object", "distribution_analytics");
    out.put("distribution_id", d.id());
    out.put("time_zone", zone.getId());
    out.put("granularity", range.granularity().name().toLowerCase());
    out.put("start_date", Times.format(range.from()));
    out.put("end_date", Times.format(range.to()));
    DeliveryCounts total = DeliveryCounts.ZERO;
    ArrayNode series = Json.array();
    long publishedTotal = 0;
    long redeemedTotal = 0;
    for (int b = 1; b <= n; b++) {
      DeliveryCounts sum = DeliveryCounts.ZERO;
      for (ChannelSeries c : channels.values()) {
        sum = sum.plus(c.buckets[b]);
      }
      total = total.plus(sum);
      publishedTotal += published[b];
      redeemedTotal += redeemed[b];
      ObjectNode point = bucket(range, b);
      counts(point, sum);
      point.put("codes_published", published[b]);
      point.put("codes_redeemed", redeemed[b]);
      series.add(point);
    }
    out.set("totals", counts(Json.object(), total));
    codeTotals(out, publishedTotal, redeemedTotal);
    out.set("series", series);
    out.set("channels", channels(range, channels));
    out.set("lifetime", lifetime(project, d.id()));
    return out;
  }

  private ArrayNode channels(ReportRange range, Map<String, ChannelSeries> channels) {
    ArrayNode out = Json.array();
    for (ChannelSeries c : channels.values()) {
      ObjectNode channel = Json.object();
      channel.put("id", c.id);
      channel.put("type", c.type);
      DeliveryCounts total = DeliveryCounts.ZERO;
      ArrayNode series = Json.array();
      for (int b = 1; b <= range.buckets(); b++) {
        total = total.plus(c.buckets[b]);
        series.add(counts(bucket(range, b), c.buckets[b]));
      }
      channel.set("totals", counts(Json.object(), total));
      channel.set("series", series);
      out.add(channel);
    }
    return out;
  }

  /** All-time totals, from one row per channel and per campaign. */
  ObjectNode lifetime(ProjectId project, String distributionId) {
    DeliveryCounts total = DeliveryCounts.ZERO;
    for (DeliveryRepository.Row r : deliveries.totals(project, distributionId)) {
      total = total.plus(r.counts());
    }
    long published = 0;
    long redeemed = 0;
    for (CodeRepository.Total t : codes.totals(project, List.of(distributionId))) {
      published += t.published();
      redeemed += t.redeemed();
    }
    ObjectNode out = Json.object();
    out.set("totals", counts(Json.object(), total));
    codeTotals(out, published, redeemed);
    return out;
  }

  static void codeTotals(ObjectNode out, long published, long redeemed) {
    out.put("codes_published", published);
    out.put("codes_redeemed", redeemed);
    out.put("redemption_rate", rate(redeemed, published));
  }

  /** redeemed / published, to four decimals; 0 when nothing was published. */
  static double rate(long redeemed, long published) {
    return published == 0 ? 0.0 : Math.round(redeemed * 10000.0 / published) / 10000.0;
  }

  private static ObjectNode bucket(ReportRange range, int b) {
    Instant start = range.boundaries().get(b - 1);
    ObjectNode point = Json.object();
    point.put("start", Times.format(start));
    ZonedDateTime local = start.atZone(range.zone());
    point.put(
        "label",
        range.granularity() == AnalyticsQuery.Granularity.DAY
            ? local.toLocalDate().toString()
            : HOUR_LABEL.format(local));
    return point;
  }

  static ObjectNode counts(ObjectNode out, DeliveryCounts c) {
    out.put("queued", c.queued());
    out.put("sent", c.sent());
    out.put("delivered", c.delivered());
    out.put("failed", c.failed());
    out.put("recovered", c.recovered());
    out.put("skipped", c.skipped());
    return out;
  }
}
