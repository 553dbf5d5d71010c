package dev.herald.bench;

import dev.herald.HeraldApplication;
import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.Publications;
import dev.herald.campaigns.PublishRequest;
import dev.herald.campaigns.PublishResult;
import dev.herald.customers.CustomerInput;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batch publishing throughput ({@link Publications#publishAll}, what a manual distribution's send
 * runs per page of recipients): codes published per second in batches of {@code BENCH_BATCH}
 * customers from a campaign of {@code BENCH_CODES} codes. Starts Herald (API off, workers on) on a
 * fresh embedded PostgreSQL; see {@code bench/publications-batch/README.md}.
 */
public final class BatchPublishBench {

  private BatchPublishBench() {}

  public static void main(String[] args) throws Exception {
    int codes = Integer.parseInt(System.getenv().getOrDefault("BENCH_CODES", "100000"));
    int total = Integer.parseInt(System.getenv().getOrDefault("BENCH_PUBLICATIONS", "20000"));
    int batch = Integer.parseInt(System.getenv().getOrDefault("BENCH_BATCH", "1000"));
    Path data = Files.createTempDirectory("herald-bench");
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(HeraldApplication.class)
            .properties(
                "herald.db.data-dir=" + data,
                "server.port=0",
                "logging.level.root=WARN",
                "logging.level.dev.herald.shared.work=ERROR")
            .run();
    try {
      run(app, codes, total, batch);
    } finally {
      app.close();
      try (java.util.stream.Stream<Path> files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    System.exit(0);
  }

  private static void run(ConfigurableApplicationContext app, int codes, int total, int batch) {
    Projects projects = app.getBean(Projects.class);
    Customers customers = app.getBean(Customers.class);
    Campaigns campaigns = app.getBean(Campaigns.class);
    Publications publications = app.getBean(Publications.class);
    TransactionTemplate tx = app.getBean(TransactionTemplate.class);
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    dev.herald.projects.ProjectKeys keys = projects.create("bench", null, null);
    ProjectId project = projects.authenticate(keys.appId(), keys.appToken()).orElseThrow();
    long t0 = System.nanoTime();
    tx.executeWithoutResult(
        s ->
            campaigns.create(
                project,
                Body.of(
                    Json.parse(
                        """
                        {"name":"bench","campaign_type":"DISCOUNT_COUPONS","type":"STATIC",
                         "vouchers_count":%d,
                         "voucher":{"type":"DISCOUNT_VOUCHER",
                           "discount":{"type":"AMOUNT","amount_off":500},
                           "code_config":{"length":12}}}
                        """
                            .formatted(codes)),
                    "invalid_campaign")));
    while (!"DONE"
        .equals(campaigns.get(project, "bench").path("vouchers_generation_status").asString())) {
      sleep();
    }
    System.out.printf("generation: %d codes in %.1f s%n", codes, seconds(t0));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < total; i += batch) {
      int from = i;
      tx.executeWithoutResult(
          s -> {
            for (int k = from; k < Math.min(total, from + batch); k++) {
              ids.add(
                  customers.upsert(project, CustomerInput.reference("bench-" + k)).customer().id());
            }
          });
    }
    long t1 = System.nanoTime();
    int published = 0;
    for (int i = 0; i < total; i += batch) {
      List<PublishRequest> requests = new ArrayList<>();
      for (String id : ids.subList(i, Math.min(total, i + batch))) {
        requests.add(PublishRequest.forDistribution("bench", id, "distr_bench", "run", "email"));
      }
      List<PublishResult> results = tx.execute(s -> publications.publishAll(project, requests));
      published += (int) results.stream().filter(r -> r instanceof PublishResult.Published).count();
    }
    double s = seconds(t1);
    long distinct =
        jdbc.sql(
                "select count(distinct holder_id) from voucher where project_id = :p"
                    + " and holder_id is not null")
            .param("p", project.value())
            .query(Long.class)
            .single();
    if (published != total || distinct != total) {
      throw new IllegalStateException(published + " published, " + distinct + " holders");
    }
    System.out.printf(
        "batch publications: %d in batches of %d in %.1f s (%.0f codes/s, %.2f s per batch)%n",
        total, batch, s, total / s, s / Math.ceil((double) total / batch));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
