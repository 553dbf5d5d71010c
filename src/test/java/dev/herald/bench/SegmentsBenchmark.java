package dev.herald.bench;

import dev.herald.HeraldApplication;
import dev.herald.customers.Customer;
import dev.herald.customers.CustomerInput;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.segments.SegmentDraft;
import dev.herald.segments.Segments;
import dev.herald.segments.SyncStatus;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.work.TaskQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The segments benchmarks (bench/segments/README.md): the initial sync of filter segments over
 * {@code -Dcustomers} (default 1,000,000) customers, and the cost of re-evaluating one updated
 * customer against {@code -Dsegments} (default 100) active segments. Starts Herald on a fresh
 * embedded PostgreSQL with the worker role off and runs the segment queues on this thread, so each
 * timing is the work itself.
 */
public final class SegmentsBenchmark {

  private static final String MEMBERSHIP_QUEUE = "event:segments.membership";
  private static final String SYNC_QUEUE = "segments.sync";
  private static final int WARM_UP = 200;

  private final ConfigurableApplicationContext app;
  private final JdbcClient jdbc;
  private final Segments segments;
  private final Customers customers;
  private final TaskQueue tasks;
  private final Projects projects;

  private SegmentsBenchmark(ConfigurableApplicationContext app) {
    this.app = app;
    this.jdbc = app.getBean(JdbcClient.class);
    this.segments = app.getBean(Segments.class);
    this.customers = app.getBean(Customers.class);
    this.tasks = app.getBean(TaskQueue.class);
    this.projects = app.getBean(Projects.class);
  }

  public static void main(String[] args) throws Exception {
    int customerCount = Integer.getInteger("customers", 1_000_000);
    int updateCustomers = Integer.getInteger("updateCustomers", 100_000);
    int segmentCount = Integer.getInteger("segments", 100);
    int updates = Integer.getInteger("updates", 2_000);
    Path data = Files.createTempDirectory("herald-bench-");
    ConfigurableApplicationContext app =
        SpringApplication.run(
            HeraldApplication.class,
            "--herald.roles=api",
            "--herald.db.data-dir=" + data,
            "--server.port=0",
            "--logging.level.root=WARN");
    try {
      SegmentsBenchmark bench = new SegmentsBenchmark(app);
      bench.initialSync(customerCount);
      bench.updateCost(updateCustomers, segmentCount, updates);
    } finally {
      app.close();
      deleteTree(data);
    }
  }

  // ---------------------------------------------------------------- benchmark 1: initial sync

  private void initialSync(int customerCount) {
    ProjectId project = projects.create("bench-sync", null, null).projectId();
    long t0 = System.nanoTime();
    Fixtures.customers(jdbc, project, customerCount);
    System.out.printf(
        Locale.ROOT,
        "%nfixture: %,d customers loaded in %.1f s%n",
        customerCount,
        seconds(System.nanoTime() - t0));
    String[][] filters = {
      {"metadata.tier is gold (25%)", "{\"metadata.tier\":{\"conditions\":{\"$is\":\"gold\"}}}"},
      {
        "or-nested mix: metadata, address, events count",
        "{\"junction\":\"or\",\"metadata.tier\":{\"conditions\":{\"$is\":\"gold\"}},"
            + "\"events.purchase.count\":{\"conditions\":{\"$more_than\":[\"2\"]}},"
            + "\"filters\":[{\"junction\":\"and\",\"address.city\":{\"conditions\":"
            + "{\"$in\":[\"Warsaw\",\"Berlin\"]}},\"metadata.age\":{\"conditions\":"
            + "{\"$more_than_equal\":[30]}}}]}"
      },
      {
        "birthdate $next_month (time-dependent)",
        "{\"birthdate\":{\"conditions\":{\"$next_month\":[true]}}}"
      },
      {"every customer (empty filter: 100% written)", "{\"junction\":\"and\"}"}
    };
    System.out.println("\nBenchmark 1 — initial sync of one auto-update segment");
    for (String[] f : filters) {
      long start = System.nanoTime();
      String id = create(project, "sync " + f[0], f[1]);
      int runs = 0;
      while (segments.syncStatus(project, id) != SyncStatus.DONE) {
        runs += tasks.runOnce(SYNC_QUEUE);
      }
      double s = seconds(System.nanoTime() - start);
      System.out.printf(
          Locale.ROOT,
          "  %-48s %6.2f s  %,9d members  %d batches%n",
          f[0],
          s,
          segments.memberCount(project, id),
          runs);
    }
  }

  // ---------------------------------------------------------------- benchmark 2: one update

  private void updateCost(int customerCount, int segmentCount, int updates) {
    ProjectId project = projects.create("bench-update", null, null).projectId();
    Fixtures.customers(jdbc, project, customerCount);
    long t0 = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < segmentCount; i++) {
      ids.add(create(project, "segment " + i, Fixtures.filter(i)));
    }
    while (tasks.runOnce(SYNC_QUEUE) > 0) {
      // sync them all
    }
    System.out.printf(
        Locale.ROOT,
        "%nBenchmark 2 — %d active segments over %,d customers (synced in %.1f s)%n",
        segmentCount,
        customerCount,
        seconds(System.nanoTime() - t0));
    // Steady state: the syncs just wrote millions of rows; let autovacuum's and the checkpoint's
    // work happen now rather than inside the timed updates, then warm the statement caches.
    jdbc.sql("vacuum analyze segment_member").update();
    jdbc.sql("checkpoint").update();
    List<String> sample = Fixtures.sampleCustomers(jdbc, project, updates * 2 + WARM_UP);
    Random random = new Random(42);
    measure(
        project,
        sample.subList(updates * 2, updates * 2 + WARM_UP),
        "warm-up (not a result)",
        (current, metadata) -> metadata.put("age", current.metadata().path("age").asInt() + 1));
    measure(
        project,
        sample.subList(0, updates),
        "one attribute (age +1, or a new tier)",
        (current, metadata) -> {
          if (random.nextBoolean()) {
            metadata.put("age", current.metadata().path("age").asInt() + 1);
          } else {
            metadata.put("tier", Fixtures.TIERS[random.nextInt(Fixtures.TIERS.length)]);
          }
        });
    measure(
        project,
        sample.subList(updates, updates * 2),
        "stress: tier, age and vip all rewritten at random",
        (current, metadata) -> {
          metadata.put("tier", Fixtures.TIERS[random.nextInt(Fixtures.TIERS.length)]);
          metadata.put("age", random.nextInt(80));
          metadata.put("vip", random.nextBoolean());
        });
  }

  /** Updates each customer once through the facade, then runs and times its re-evaluation. */
  private void measure(
      ProjectId project,
      List<String> sample,
      String label,
      java.util.function.BiConsumer<Customer, ObjectNode> change) {
    long[] evaluation = new long[sample.size()];
    long[] total = new long[sample.size()];
    long eventsBefore = Fixtures.segmentEvents(jdbc, project);
    for (int i = 0; i < sample.size(); i++) {
      ObjectNode body = Json.object();
      ObjectNode metadata = body.putObject("metadata");
      change.accept(customers.get(project, sample.get(i)), metadata);
      metadata.put("rev", i); // always a real change, so always an event
      long start = System.nanoTime();
      customers.update(project, sample.get(i), CustomerInput.from(Body.of(body, "invalid")));
      long evalStart = System.nanoTime();
      int handled = tasks.runOnce(MEMBERSHIP_QUEUE);
      long end = System.nanoTime();
      if (handled != 1) {
        throw new IllegalStateException("expected one membership task, ran " + handled);
      }
      evaluation[i] = end - evalStart;
      total[i] = end - start;
    }
    long events = Fixtures.segmentEvents(jdbc, project) - eventsBefore;
    System.out.printf(
        Locale.ROOT,
        "  %s: %,d updates, %.1f entered/left events per update%n",
        label,
        sample.size(),
        events / (double) sample.size());
    report("    re-evaluation (segments consumer task, commit included)", evaluation);
    report("    update + re-evaluation (customers.update + consumer task) ", total);
  }

  private String create(ProjectId project, String name, String filter) {
    JsonNode body =
        Json.object()
            .put("name", name)
            .put("type", "auto-update")
            .set("filter", Json.parse(filter));
    return segments.create(project, SegmentDraft.from(Body.of(body, "invalid"))).id();
  }

  private static void report(String label, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms%n",
        label,
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 95)),
        ms(percentile(sorted, 99)),
        ms(sorted[sorted.length - 1]));
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  private static double seconds(long nanos) {
    return nanos / 1_000_000_000.0;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
