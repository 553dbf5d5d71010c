package dev.herald.process;

import static dev.herald.support.ProcessDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.herald.support.Api;
import dev.herald.support.HeraldProcess;
import dev.herald.support.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two Herald nodes from the packaged jar on one database deliver 10,000 webhook messages to a local
 * receiver; one node is killed with {@code kill -9} midway.
 *
 * <p>What counts: a <b>loss</b> is a message whose {@code webhook-id} never reached the receiver. A
 * <b>duplicate</b> is a second successful delivery recorded in the database for one message key
 * (channel, trigger, customer) — or a second message row for it. Neither may happen. The receiver
 * may see one {@code webhook-id} twice only for a delivery that was in flight at the instant of the
 * kill (the killed node sent it but died before recording it; the lease ran out and the other node
 * sent it again — with the same id and the same bytes, so a receiver deduplicates on {@code
 * webhook-id}); each such repeat must match an attempt recorded as {@code INTERRUPTED}.
 *
 * <p>To have all 10,000 messages queued before delivery starts (so the kill hits the dispatcher,
 * not the trigger matcher), the run uses the product's own pause: a probe message exhausts its
 * one-step retry ladder, which pauses the webhook channel; the 10,000 events then queue their
 * messages as HELD, and "set live" releases them all at once.
 */
class DeliveryNodesIT {

  private static final int MESSAGES = 10_000;

  @Test
  void twoNodesDeliverTenThousandWebhooksWithoutLossOrDuplicateThroughAKill() throws Exception {
    Receiver receiver = new Receiver();
    String db = TestPostgres.newDatabase("delivery_nodes");
    Map<String, String> env = HeraldProcess.env(db, "nodes-app", "nodes-token");
    env.put("HERALD_WEBHOOK_RETRY_SCHEDULE", "PT1S");
    env.put("HERALD_WEBHOOK_RETRY_JITTER", "0");
    env.put("HERALD_WEBHOOK_TIMEOUT", "PT5S");
    env.put("HERALD_DISPATCHER_LEASE", "PT15S");
    env.put("HERALD_API_RATE_LIMIT", "10000000");
    HeraldProcess first = HeraldProcess.start("nodes-a", env);
    HeraldProcess second = HeraldProcess.start("nodes-b", env);
    try {
      Api a = first.api("nodes-app", "nodes-token");
      Api b = second.api("nodes-app", "nodes-token");
      String distribution = liveDistribution(a, receiver.url());

      // the probe fails its whole (one-step) ladder: the webhook channel pauses
      a.post("/v1/events", Map.of("event", "bought", "customer", Map.of("source_id", "probe")));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  "PAUSED"
                      .equals(
                          a.get("/v1/distributions/" + distribution)
                              .json()
                              .at("/channels/0/status")
                              .asString()));

      postEvents(a, b);
      await()
          .atMost(Duration.ofSeconds(180))
          .until(() -> count(db, "select count(*) from message where status = 'HELD'") == MESSAGES);

      receiver.healthy = true;
      assertThat(b.post("/v1/distributions/" + distribution + "/resume", null).status())
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(120)).until(() -> receiver.ids.size() >= MESSAGES * 3 / 10);
      // kill node A while it holds claims (locked_by starts with its pid), so the kill cuts sends
      // short
      String nodeA = first.pid() + "@";
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> claims(db).keySet().stream().anyMatch(node -> node.startsWith(nodeA)));
      first.kill();
      int atKill = receiver.ids.size();

      await().atMost(Duration.ofSeconds(180)).until(() -> receiver.ids.size() == MESSAGES);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(30))
          .until(() -> pending(db) == 0);

      // no loss: every message reached the receiver
      assertThat(receiver.ids).hasSize(MESSAGES);
      assertThat(atKill).isLessThan(MESSAGES);
      // the database: one row and one successful delivery per key, everything delivered
      assertThat(
              count(
                  db,
                  "select count(*) from message m join customer c on c.id = m.customer_id where c.source_id <> 'probe'"))
          .isEqualTo(MESSAGES);
      assertThat(count(db, "select count(*) from message where status = 'DELIVERED'"))
          .isEqualTo(MESSAGES);
      assertThat(
              count(
                  db, "select count(distinct (channel_id, trigger_id, customer_id)) from message"))
          .isEqualTo(MESSAGES + 1);
      assertThat(
              count(
                  db,
                  "select count(*) from (select message_id from message_attempt where outcome = 'DELIVERED' group by message_id having count(*) > 1) x"))
          .as("messages with two successful deliveries")
          .isZero();
      assertThat(count(db, "select count(*) from message_attempt where outcome = 'DELIVERED'"))
          .isEqualTo(MESSAGES);
      // repeats at the receiver: only deliveries in flight at the kill, same id and same bytes
      Set<String> interrupted = interrupted(db);
      Set<String> repeated = new HashSet<>();
      receiver.ids.forEach(
          (id, bodies) -> {
            if (bodies.size() > 1) {
              repeated.add(id);
              assertThat(new HashSet<>(bodies))
                  .as("bytes of a repeated delivery of " + id)
                  .hasSize(1);
            }
          });
      assertThat(interrupted).as("the kill cut sends short").isNotEmpty();
      assertThat(interrupted.size()).as("claims the killed node held").isLessThanOrEqualTo(128);
      assertThat(interrupted).containsAll(repeated);
      assertThat(repeated.size())
          .isLessThanOrEqualTo(128); // the killed node's sends in flight (64 threads × 2)
      System.out.printf(
          "delivered %d, killed node A after %d, repeated at the receiver %d, interrupted claims %d%n",
          receiver.ids.size(), atKill, repeated.size(), interrupted.size());
      second.stop();
    } finally {
      first.close();
      second.close();
      receiver.stop();
    }
  }

  /**
   * A node stopped gracefully (SIGTERM) midway finishes and records the sends it had claimed: no
   * send is cut short, nothing waits for a lease to run out, the other node delivers the rest.
   */
  @Test
  void aGracefulStopFinishesTheSendsItClaimed() throws Exception {
    int messages = 3_000;
    Receiver receiver = new Receiver();
    String db = TestPostgres.newDatabase("delivery_graceful");
    Map<String, String> env = HeraldProcess.env(db, "graceful-app", "graceful-token");
    env.put("HERALD_WEBHOOK_RETRY_SCHEDULE", "PT1S");
    env.put("HERALD_WEBHOOK_RETRY_JITTER", "0");
    env.put("HERALD_DISPATCHER_LEASE", "PT5M"); // a lost claim would stall the test for minutes
    env.put("HERALD_API_RATE_LIMIT", "10000000");
    HeraldProcess first = HeraldProcess.start("graceful-a", env);
    HeraldProcess second = HeraldProcess.start("graceful-b", env);
    try {
      Api a = first.api("graceful-app", "graceful-token");
      Api b = second.api("graceful-app", "graceful-token");
      String distribution = liveDistribution(a, receiver.url());
      a.post("/v1/events", Map.of("event", "bought", "customer", Map.of("source_id", "probe")));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  "PAUSED"
                      .equals(
                          a.get("/v1/distributions/" + distribution)
                              .json()
                              .at("/channels/0/status")
                              .asString()));
      postEvents(a, b, messages);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> count(db, "select count(*) from message where status = 'HELD'") == messages);

      receiver.healthy = true;
      b.post("/v1/distributions/" + distribution + "/resume", null);
      String nodeA = first.pid() + "@";
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () ->
                  receiver.ids.size() > messages / 5
                      && claims(db).keySet().stream().anyMatch(n -> n.startsWith(nodeA)));
      first.stop();
      assertThat(claims(db).keySet())
          .as("the stopped node left no claim behind")
          .noneMatch(n -> n.startsWith(nodeA));

      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.ids.size() == messages);
      // a body reaches the receiver before its sender records the outcome: wait for the records
      await().atMost(Duration.ofSeconds(30)).until(() -> pending(db) == 0);
      assertThat(count(db, "select count(*) from message_attempt where outcome = 'INTERRUPTED'"))
          .isZero();
      assertThat(count(db, "select count(*) from message_attempt where outcome = 'DELIVERED'"))
          .isEqualTo(messages);
      assertThat(receiver.ids.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
      second.stop();
    } finally {
      first.close();
      second.close();
      receiver.stop();
    }
  }

  private static String liveDistribution(Api api, String url) {
    String id =
        api.post(
                "/v1/distributions",
                Map.of(
                    "name", "Ten thousand",
                    "trigger", Map.of("type", "customer.custom_event", "custom_event", "bought"),
                    "action", Map.of("type", "plain_message"),
                    "channels",
                        List.of(Map.of("type", "webhook", "url", url, "event_name", "bought"))))
            .json()
            .get("id")
            .asString();
    assertThat(api.post("/v1/distributions/" + id + "/send", null).status()).isEqualTo(200);
    return id;
  }

  private static void postEvents(Api a, Api b) throws Exception {
    postEvents(a, b, MESSAGES);
  }

  /** Events for customers c0..c(n-1), spread over both nodes by 16 concurrent clients. */
  private static void postEvents(Api a, Api b, int n) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int offset = t;
        done.add(
            clients.submit(
                () -> {
                  for (int i = offset; i < n; i += 16) {
                    Api api = i % 2 == 0 ? a : b;
                    Api.Response r =
                        api.post(
                            "/v1/events",
                            Map.of("event", "bought", "customer", Map.of("source_id", "c" + i)));
                    if (r.status() != 200) {
                      throw new IllegalStateException(
                          "event " + i + ": " + r.status() + " " + r.text());
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdown();
    }
  }

  private static long pending(String db) throws SQLException {
    return count(
            db,
            "select count(*) from message where status in ('QUEUED', 'SENDING', 'RETRY_SCHEDULED', 'HELD')")
        - count(
            db,
            "select count(*) from message m join customer c on c.id = m.customer_id where c.source_id = 'probe' and m.status <> 'FAILED'");
  }

  /** Which node holds how many claims right now. */
  private static Map<String, Long> claims(String db) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(db, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select locked_by, count(*) from message where status = 'SENDING' group by locked_by")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  /** The webhook ids of messages whose first send was cut short by the kill. */
  private static Set<String> interrupted(String db) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = DriverManager.getConnection(db, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select message_id from message_attempt where outcome = 'INTERRUPTED'")) {
      while (rs.next()) {
        String id = rs.getString(1);
        out.add("whs_" + id.substring(id.indexOf('_') + 1));
      }
    }
    return out;
  }

  /**
   * A webhook receiver: answers 503 until healthy, then records each webhook-id and its body hash.
   */
  private static final class Receiver {
    final Map<String, List<String>> ids = new ConcurrentHashMap<>();
    volatile boolean healthy;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 2048);
      server.setExecutor(threads);
      server.createContext(
          "/hook",
          exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            int status = 503;
            if (healthy) {
              // a receiver doing some work per request, so each node always has sends in flight
              java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(15).toNanos());
              String id = exchange.getRequestHeaders().getFirst("webhook-id");
              ids.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(sha256(body));
              status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void stop() {
      server.stop(0);
      threads.shutdownNow();
    }

    private static String sha256(byte[] body) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
