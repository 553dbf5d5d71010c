package dev.herald.bench;

import dev.herald.HeraldApplication;
import dev.herald.projects.ProjectKeys;
import dev.herald.projects.Projects;
import dev.herald.support.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The analytics benchmark (bench/analytics/README.md): distribution analytics, the campaign
 * dashboard and the audience of a distribution with {@code -Dmessages} (default 1,000,000)
 * messages, timed as HTTP requests against Herald on a fresh embedded PostgreSQL. Message rows and
 * roll-up rows are seeded set-based in SQL ({@code generate_series}); the roll-ups are computed
 * from the seeded messages by the same rules the listener applies.
 */
public final class AnalyticsBenchmark {

  private static final int WARM_UP = 200;

  private final JdbcClient jdbc;
  private final Api api;
  private final String project;

  private AnalyticsBenchmark(ConfigurableApplicationContext app, ProjectKeys keys) {
    this.jdbc = app.getBean(JdbcClient.class);
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    this.api = new Api("http://localhost:" + port, keys.appId(), keys.appToken());
    this.project = keys.projectId().value();
  }

  public static void main(String[] args) throws Exception {
    int messages = Integer.getInteger("messages", 1_000_000);
    int requests = Integer.getInteger("requests", 2_000);
    int others = Integer.getInteger("distributions", 49);
    Path data = Files.createTempDirectory("herald-bench-");
    ConfigurableApplicationContext app =
        SpringApplication.run(
            HeraldApplication.class,
            "--herald.roles=api",
            "--herald.db.data-dir=" + data,
            "--server.port=0",
            "--herald.api.rate-limit-per-minute=100000000",
            "--logging.level.root=WARN");
    try {
      ProjectKeys keys =
          app.getBean(Projects.class).create("bench-analytics", "bench-app", "bench-token");
      new AnalyticsBenchmark(app, keys).run(messages, others, requests);
    } finally {
      app.close();
      deleteTree(data);
    }
  }

  private void run(int messages, int others, int requests) {
    String campaign = campaign();
    String big = distribution("Big one", campaign);
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(Duration.ofDays(30));
    long t0 = System.nanoTime();
    seedMessages(big, messages, start);
    double msgSeconds = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    rollUpFromMessages(big, campaign);
    List<String> small = new ArrayList<>();
    for (int i = 0; i < others; i++) {
      small.add(distribution("Other " + i, campaign));
    }
    seedOtherRollups(small, campaign, start);
    seedNoise(200, start);
    jdbc.sql("vacuum analyze message").update();
    jdbc.sql("vacuum analyze analytics_delivery").update();
    jdbc.sql("vacuum analyze analytics_delivery_total").update();
    jdbc.sql("vacuum analyze analytics_code_bucket").update();
    jdbc.sql("vacuum analyze analytics_code_total").update();
    System.out.printf(
        Locale.ROOT,
        "%nfixture: %,d messages in %.1f s; roll-ups (%,d slot rows in the table, %,d of them the"
            + " big distribution's), %d more distributions of the campaign in %.1f s%n",
        messages,
        msgSeconds,
        jdbc.sql("select count(*) from analytics_delivery").query(Long.class).single(),
        jdbc.sql("select count(*) from analytics_delivery where distribution_id = :d")
            .param("d", big)
            .query(Long.class)
            .single(),
        others,
        (System.nanoTime() - t0) / 1e9);
    JsonNode check =
        get(
            "/v1/distributions/"
                + big
                + "/analytics?granularity=day&start_date="
                + start
                + "&end_date="
                + end);
    System.out.printf(
        Locale.ROOT,
        "check: totals %s, codes published %d, redeemed %d%n",
        check.get("totals"),
        check.get("codes_published").asLong(),
        check.get("codes_redeemed").asLong());
    System.out.printf(
        Locale.ROOT,
        "check: audience pages hold %d recipients (first) and %d (status=FAILED)%n",
        get("/v1/distributions/" + big + "/audience?limit=50").get("recipients").size(),
        get("/v1/distributions/" + big + "/audience?status=FAILED&limit=50")
            .get("recipients")
            .size());

    Map<String, String> queries = new LinkedHashMap<>();
    queries.put(
        "analytics, 30 days by day (30 buckets)",
        "/v1/distributions/"
            + big
            + "/analytics?granularity=day&start_date="
            + start
            + "&end_date="
            + end);
    queries.put(
        "analytics, 7 days by hour (168 buckets)",
        "/v1/distributions/"
            + big
            + "/analytics?granularity=hour&start_date="
            + end.minus(Duration.ofDays(7))
            + "&end_date="
            + end);
    queries.put(
        "analytics, 30 days by hour (720 buckets)",
        "/v1/distributions/"
            + big
            + "/analytics?granularity=hour&start_date="
            + start
            + "&end_date="
            + end);
    queries.put(
        "analytics, 2 years by day (732 buckets)",
        "/v1/distributions/"
            + big
            + "/analytics?granularity=day&start_date="
            + end.minus(Duration.ofDays(730))
            + "&end_date="
            + end);
    queries.put(
        "campaign dashboard, " + (others + 1) + " distributions (limit=50)",
        "/v1/campaigns/" + campaign + "/distributions?limit=50");
    queries.put(
        "audience, first page (limit=50)", "/v1/distributions/" + big + "/audience?limit=50");
    queries.put(
        "audience, status=FAILED (limit=50)",
        "/v1/distributions/" + big + "/audience?status=FAILED&limit=50");
    System.out.printf(
        Locale.ROOT,
        "%n%,d requests each after %d warm-up requests (HTTP, whole request path)%n",
        requests,
        WARM_UP);
    for (Map.Entry<String, String> q : queries.entrySet()) {
      time(q.getKey(), q.getValue(), requests);
    }
  }

  private JsonNode get(String path) {
    Api.Response r = api.get(path);
    if (r.status() != 200) {
      throw new IllegalStateException(path + " → " + r.status() + " " + r.text());
    }
    return r.json();
  }

  private void time(String name, String path, int requests) {
    for (int i = 0; i < WARM_UP; i++) {
      get(path);
    }
    long[] nanos = new long[requests];
    for (int i = 0; i < requests; i++) {
      long t = System.nanoTime();
      Api.Response r = api.get(path);
      nanos[i] = System.nanoTime() - t;
      if (r.status() != 200) {
        throw new IllegalStateException(path + " → " + r.status());
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "  %-48s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
        name,
        ms(percentile(nanos, 50)),
        ms(percentile(nanos, 95)),
        ms(percentile(nanos, 99)),
        ms(nanos[nanos.length - 1]));
  }

  private String campaign() {
    Api.Response r =
        api.post(
            "/v1/campaigns",
            Map.of(
                "name", "bench-campaign",
                "campaign_type", "DISCOUNT_COUPONS",
                "type", "AUTO_UPDATE",
                "vouchers_count", 1,
                "voucher",
                    Map.of(
                        "type",
                        "DISCOUNT_VOUCHER",
                        "discount",
                        Map.of("type", "PERCENT", "percent_off", 10))));
    if (r.status() != 200) {
      throw new IllegalStateException(r.text());
    }
    return r.json().get("id").asString();
  }

  private String distribution(String name, String campaign) {
    Map<String, Object> webhook =
        Map.of("type", "webhook", "url", "https://example.com/hook", "event_name", "bench");
    Api.Response r =
        api.post(
            "/v1/distributions",
            Map.of(
                "name", name,
                "trigger", Map.of("type", "customer.custom_event", "custom_event", "bench"),
                "action", Map.of("type", "publish_code", "campaign_id", campaign),
                "channels", List.of(webhook, new LinkedHashMap<>(webhook))));
    if (r.status() != 200) {
      throw new IllegalStateException(r.text());
    }
    return r.json().get("id").asString();
  }

  /**
   * The big distribution's messages, spread evenly over 30 days and its channels: 2 % failed for
   * good, 1 % skipped, 7 % delivered after a failed attempt (an hour later), the rest delivered.
   */
  private void seedMessages(String distribution, int n, Instant start) {
    jdbc.sql(
            """
            with ch as (select c.id, c.type, count(*) over () as n,
                row_number() over (order by c.id) - 1 as k
              from channel c where c.owner_id = :owner and c.deleted_at is null)
            insert into message (id, project_id, owner_id, channel_id, channel_type, customer_id,
              trigger_id, status, reason, attempts, failed_attempts, context, voucher_code,
              created_at, updated_at, delivered_at)
            select 'msg_bench' || lpad(g::text, 8, '0'), :project, :owner, ch.id, ch.type,
              'cust_bench' || lpad((g / ch.n)::text, 8, '0'), 'evt_bench' || lpad(g::text, 8, '0'),
              case when g % 100 < 2 then 'FAILED' when g % 100 = 2 then 'SKIPPED'
                else 'DELIVERED' end,
              case when g % 100 < 2 then 'rejected_by_receiver' when g % 100 = 2
                then 'unsubscribed' end,
              case when g % 100 = 2 then 0 when g % 100 < 10 then 2 else 1 end,
              case when g % 100 < 2 then 1 when g % 100 between 3 and 9 then 1 else 0 end,
              '{}', case when g % 100 <> 2 then 'BENCH-' || g end,
              t.at, t.at + case when g % 100 between 3 and 9 then interval '1 hour'
                else interval '2 seconds' end,
              case when g % 100 >= 3 then t.at + case when g % 100 between 3 and 9
                then interval '1 hour' else interval '2 seconds' end end
            from generate_series(0, :n - 1) g
            join ch on ch.k = g % ch.n
            cross join lateral (select cast(:start as timestamptz)
              + (g * interval '30 days' / :n) as at) t
            """)
        .param("project", project)
        .param("owner", distribution)
        .param("n", n)
        .param("start", dev.herald.shared.db.Sql.ts(start))
        .update();
  }

  /** The roll-ups of the seeded messages, by the rules the listener counts with. */
  private void rollUpFromMessages(String distribution, String campaign) {
    String slot = "to_timestamp(floor(extract(epoch from %s) / 900) * 900)";
    jdbc.sql(
            ("""
            insert into analytics_delivery (project_id, distribution_id, bucket, channel_id,
              channel_type, queued, sent, delivered, failed, recovered, skipped)
            select :project, :owner, bucket, channel_id, min(channel_type),
              count(*) filter (where kind = 'q'), count(*) filter (where kind = 's'),
              count(*) filter (where kind = 'd'), count(*) filter (where kind = 'f'),
              count(*) filter (where kind = 'r'), count(*) filter (where kind = 'k')
            from (
              select channel_id, channel_type, 'q' as kind, %1$s as bucket from message
                where owner_id = :owner
              union all select channel_id, channel_type, 's', %2$s from message
                where owner_id = :owner and attempts > 0
              union all select channel_id, channel_type, 'd', %3$s from message
                where owner_id = :owner and status = 'DELIVERED'
              union all select channel_id, channel_type, 'r', %3$s from message
                where owner_id = :owner and status = 'DELIVERED' and failed_attempts > 0
              union all select channel_id, channel_type, 'f', %4$s from message
                where owner_id = :owner and status = 'FAILED'
              union all select channel_id, channel_type, 'k', %4$s from message
                where owner_id = :owner and status = 'SKIPPED') f
            group by bucket, channel_id
            """)
                .formatted(
                    slot.formatted("created_at"),
                    slot.formatted("created_at"),
                    slot.formatted("delivered_at"),
                    slot.formatted("updated_at")))
        .param("project", project)
        .param("owner", distribution)
        .update();
    jdbc.sql(
            """
            insert into analytics_delivery_total (project_id, distribution_id, channel_id,
              channel_type, queued, sent, delivered, failed, recovered, skipped)
            select project_id, distribution_id, channel_id, min(channel_type), sum(queued),
              sum(sent), sum(delivered), sum(failed), sum(recovered), sum(skipped)
            from analytics_delivery where distribution_id = :owner
            group by project_id, distribution_id, channel_id
            """)
        .param("owner", distribution)
        .update();
    // codes: published with each message that has one, 12 % of them redeemed two days later
    jdbc.sql(
            """
            insert into analytics_code_bucket (project_id, distribution_id, bucket, published,
              redeemed)
            select :project, :owner, b, sum(p), sum(r) from (
              select to_timestamp(floor(extract(epoch from created_at) / 900) * 900) as b,
                1 as p, 0 as r from message where owner_id = :owner and voucher_code is not null
              union all
              select to_timestamp(floor(extract(epoch from created_at + interval '2 days') / 900)
                * 900), 0, 1 from message where owner_id = :owner and voucher_code is not null
                and abs(hashtext(id)) % 100 < 12) x
            group by b
            """)
        .param("project", project)
        .param("owner", distribution)
        .update();
    jdbc.sql(
            """
            insert into analytics_code_total (project_id, distribution_id, campaign_id, published,
              redeemed)
            select :project, :owner, :campaign, sum(published), sum(redeemed)
            from analytics_code_bucket where distribution_id = :owner
            """)
        .param("project", project)
        .param("owner", distribution)
        .param("campaign", campaign)
        .update();
  }

  /** The campaign's other distributions: 20,000 messages' worth of roll-ups each. */
  private void seedOtherRollups(List<String> distributions, String campaign, Instant start) {
    seedSlots(distributions, project, campaign, start, 7);
  }

  /** Other projects' distributions in the same tables: a month of activity each. */
  private void seedNoise(int n, Instant start) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("dist_noise%05d", i));
    }
    seedSlots(ids, "proj_noise", "camp_noise", start, 30);
  }

  private void seedSlots(
      List<String> distributions, String projectId, String campaign, Instant start, int days) {
    jdbc.sql(
            """
            insert into analytics_delivery (project_id, distribution_id, bucket, channel_id,
              channel_type, queued, sent, delivered, failed, recovered, skipped)
            select :project, d, :start + s * interval '15 minutes', 'ch_' || d || '_' || c,
              'webhook', 30, 29, 28, 1, 2, 1
            from unnest(cast(:ids as text[])) d, generate_series(0, :slots - 1) s,
              generate_series(1, 2) c
            """)
        .param("project", projectId)
        .param("ids", distributions.toArray(String[]::new))
        .param("start", dev.herald.shared.db.Sql.ts(start))
        .param("slots", days * 96)
        .update();
    jdbc.sql(
            """
            insert into analytics_delivery_total (project_id, distribution_id, channel_id,
              channel_type, queued, sent, delivered, failed, recovered, skipped)
            select project_id, distribution_id, channel_id, min(channel_type), sum(queued),
              sum(sent), sum(delivered), sum(failed), sum(recovered), sum(skipped)
            from analytics_delivery where distribution_id = any(cast(:ids as text[]))
            group by project_id, distribution_id, channel_id
            """)
        .param("ids", distributions.toArray(String[]::new))
        .update();
    jdbc.sql(
            """
            insert into analytics_code_bucket (project_id, distribution_id, bucket, published,
              redeemed)
            select :project, d, :start + s * interval '15 minutes', 28, 3
            from unnest(cast(:ids as text[])) d, generate_series(0, :slots - 1) s
            """)
        .param("project", projectId)
        .param("ids", distributions.toArray(String[]::new))
        .param("start", dev.herald.shared.db.Sql.ts(start))
        .param("slots", days * 96)
        .update();
    jdbc.sql(
            """
            insert into analytics_code_total (project_id, distribution_id, campaign_id, published,
              redeemed)
            select :project, distribution_id, :campaign, sum(published), sum(redeemed)
            from analytics_code_bucket where distribution_id = any(cast(:ids as text[]))
            group by distribution_id
            """)
        .param("project", projectId)
        .param("campaign", campaign)
        .param("ids", distributions.toArray(String[]::new))
        .update();
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
