package dev.herald.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The delivery counts recomputed from the message and attempt tables (what the roll-ups must
 * equal), per channel and report bucket of the project's time zone, and the checks that an
 * analytics response equals them. Used by the in-process test and the process ITs (plain JDBC).
 */
public final class AnalyticsTruth {

  public static final List<String> KINDS =
      List.of("queued", "sent", "delivered", "failed", "recovered", "skipped");

  /**
   * Each fact of each message with its time: created (queued), first recorded attempt (sent;
   * interrupted attempts of a dead node are not outcomes), delivered, recovered (delivered after a
   * failed attempt), failed and skipped (when the row last changed).
   */
  private static final String FACTS =
      """
      select m.channel_id, 'queued' as kind, m.created_at as t from message m
        where m.owner_id = ?1
      union all
      select m.channel_id, 'sent', min(a.started_at) from message m
        join message_attempt a on a.message_id = m.id and a.outcome <> 'INTERRUPTED'
        where m.owner_id = ?1 group by m.id, m.channel_id
      union all
      select m.channel_id, 'delivered', m.delivered_at from message m
        where m.owner_id = ?1 and m.status = 'DELIVERED'
      union all
      select m.channel_id, 'recovered', m.delivered_at from message m
        where m.owner_id = ?1 and m.status = 'DELIVERED' and m.failed_attempts > 0
      union all
      select m.channel_id, 'failed', m.updated_at from message m
        where m.owner_id = ?1 and m.status = 'FAILED'
      union all
      select m.channel_id, 'skipped', m.updated_at from message m
        where m.owner_id = ?1 and m.status = 'SKIPPED'
      """;

  private AnalyticsTruth() {}

  /** channel id → bucket start → kind → count, in {@code granularity} buckets of {@code zone}. */
  public static Map<String, Map<Instant, Map<String, Long>>> series(
      Connection c, String distributionId, String zone, String granularity) throws SQLException {
    String sql =
        "select channel_id, kind, date_trunc('"
            + granularity
            + "', t at time zone ?) at time zone ? as bucket, count(*) as n from ("
            + FACTS.replace("?1", "?")
            + ") f group by 1, 2, 3";
    Map<String, Map<Instant, Map<String, Long>>> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, zone);
      s.setString(2, zone);
      for (int i = 3; i <= 8; i++) {
        s.setString(i, distributionId);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString("channel_id"), k -> new TreeMap<>())
              .computeIfAbsent(rs.getTimestamp("bucket").toInstant(), k -> new HashMap<>())
              .put(rs.getString("kind"), rs.getLong("n"));
        }
      }
    }
    return out;
  }

  /** kind → count over the distribution's whole life. */
  public static Map<String, Long> totals(Map<String, Map<Instant, Map<String, Long>>> series) {
    Map<String, Long> out = new HashMap<>();
    series
        .values()
        .forEach(b -> b.values().forEach(k -> k.forEach((x, n) -> out.merge(x, n, Long::sum))));
    return out;
  }

  public static long scalar(Connection c, String sql, String param) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Asserts that the response's totals, each channel's totals and every bucket of each channel's
   * series (and of the all-channel series) equal the truth; buckets without facts must be zero.
   */
  public static void assertEquals(
      JsonNode analytics, Map<String, Map<Instant, Map<String, Long>>> truth) {
    Map<String, Long> total = totals(truth);
    for (String kind : KINDS) {
      assertThat(analytics.at("/totals/" + kind).asLong())
          .as("range total of %s", kind)
          .isEqualTo(total.getOrDefault(kind, 0L));
      assertThat(analytics.at("/lifetime/totals/" + kind).asLong())
          .as("lifetime total of %s", kind)
          .isEqualTo(total.getOrDefault(kind, 0L));
    }
    Map<Instant, Map<String, Long>> all = new HashMap<>();
    truth
        .values()
        .forEach(
            byBucket ->
                byBucket.forEach(
                    (b, kinds) ->
                        kinds.forEach(
                            (k, n) ->
                                all.computeIfAbsent(b, x -> new HashMap<>())
                                    .merge(k, n, Long::sum))));
    assertSeries(analytics.get("series"), all, "all channels");
    assertThat(analytics.get("channels").size()).isEqualTo(truth.size());
    for (JsonNode channel : analytics.get("channels")) {
      String id = channel.get("id").asString();
      Map<Instant, Map<String, Long>> expected = truth.getOrDefault(id, Map.of());
      assertSeries(channel.get("series"), expected, id);
      Map<String, Long> channelTotal = totals(Map.of(id, expected));
      for (String kind : KINDS) {
        assertThat(channel.at("/totals/" + kind).asLong())
            .as("%s total of %s", id, kind)
            .isEqualTo(channelTotal.getOrDefault(kind, 0L));
      }
    }
  }

  private static void assertSeries(
      JsonNode series, Map<Instant, Map<String, Long>> expected, String what) {
    int matched = 0;
    for (JsonNode point : series) {
      Instant start = Instant.parse(point.get("start").asString());
      Map<String, Long> kinds = expected.getOrDefault(start, Map.of());
      if (!kinds.isEmpty()) {
        matched++;
      }
      for (String kind : KINDS) {
        assertThat(point.get(kind).asLong())
            .as("%s: %s in bucket %s", what, kind, start)
            .isEqualTo(kinds.getOrDefault(kind, 0L));
      }
    }
    assertThat(matched)
        .as("%s: every bucket with facts is in the range", what)
        .isEqualTo(expected.size());
  }
}
