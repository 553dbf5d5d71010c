package dev.herald.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.herald.support.Api;
import dev.herald.support.HeraldProcess;
import dev.herald.support.TestPostgres;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Delivery benchmarks against Herald nodes started from the packaged jar on one database
 * (bench/delivery/README.md):
 *
 * <ul>
 *   <li>{@code webhook NODES MESSAGES}: messages/s to a local webhook sink;
 *   <li>{@code email NODES MESSAGES}: messages/s to a local SMTP server;
 *   <li>{@code latency NODES RATE SECONDS}: p50/p99 from the API call of a triggering event to its
 *       webhook arriving, at a steady RATE of events per second.
 * </ul>
 *
 * Throughput runs queue the messages first (inserted as HELD on a live distribution's channel) and
 * time from "set live" (which releases them) to the last arrival: the dispatcher alone, claims,
 * rendering, signing, sending and recording included. A first, unmeasured batch warms the JVMs up.
 */
public final class DeliveryBench {

  private DeliveryBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.out.println("usage: webhook|email NODES MESSAGES  |  latency NODES RATE SECONDS");
      return;
    }
    int nodes = Integer.parseInt(args[1]);
    switch (args[0]) {
      case "webhook" -> throughput(nodes, Integer.parseInt(args[2]), false);
      case "email" -> throughput(nodes, Integer.parseInt(args[2]), true);
      case "latency" -> latency(nodes, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.exit(0);
  }

  private static List<HeraldProcess> start(String db, int nodes) throws Exception {
    if (System.getenv("BENCH_ASYNC_COMMIT") != null) {
      // experiment: how much of the cost is waiting for WAL flushes at commit
      // for the database, not the server: the embedded server is started with
      // synchronous_commit on its command line, which outranks ALTER SYSTEM
      try (Connection c = DriverManager.getConnection(db, "postgres", "");
          var s = c.createStatement();
          var name = s.executeQuery("select current_database()")) {
        name.next();
        s.execute("alter database \"" + name.getString(1) + "\" set synchronous_commit = off");
      }
    }
    Map<String, String> env = HeraldProcess.env(db, "bench-app", "bench-token");
    env.put("HERALD_API_RATE_LIMIT", "100000000");
    List<HeraldProcess> out = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      Map<String, String> nodeEnv = new HashMap<>(env);
      if (System.getenv("BENCH_DEBUG") != null) {
        nodeEnv.put("LOGGING_LEVEL_DEV_HERALD_MESSAGING", "DEBUG");
      }
      if (System.getenv("BENCH_JFR") != null) {
        // a CPU profile of each node: jfr print --events jdk.ExecutionSample /tmp/bench-node-N.jfr
        nodeEnv.put(
            "JAVA_TOOL_OPTIONS",
            "-XX:StartFlightRecording=filename=/tmp/bench-node-" + i + ".jfr,settings=profile");
      }
      out.add(HeraldProcess.start("bench-" + i, nodeEnv));
    }
    return out;
  }

  private static void throughput(int nodeCount, int messages, boolean email) throws Exception {
    String db = TestPostgres.newDatabase("bench_" + (email ? "email" : "webhook"));
    WebhookSink sink = new WebhookSink();
    GreenMail smtp = null;
    AtomicInteger mails = new AtomicInteger();
    List<HeraldProcess> nodes = start(db, nodeCount);
    try {
      Api api = nodes.get(0).api("bench-app", "bench-token");
      Map<String, Object> channel;
      if (email) {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.getUserManager().setMessageDeliveryHandler((m, a) -> { mails.incrementAndGet(); return new CountingUser(); });
        smtp.start();
        api.put(
            "/v1/projects/current",
            Map.of("brand", Map.of("name", "Bench", "email", "b@bench.example",
                "address", Map.of("line_1", "1 Bench St", "city", "Lisbon", "country", "PT"))));
        api.put(
            "/v1/projects/current/integrations",
            Map.of("smtp", Map.of("host", "127.0.0.1", "port", smtp.getSmtp().getPort(), "tls", "none", "from", "b@bench.example")));
        channel =
            Map.of(
                "type", "email",
                "template",
                    Map.of(
                        "subject", "Your code, {{customer.name}}",
                        "blocks",
                            List.of(
                                Map.of("type", "text", "html", "<p>Hi <b>{{customer.name}}</b>, thanks!</p>"),
                                Map.of("type", "code", "show", "qr"),
                                Map.of("type", "button", "label", "Wallet", "href", "{{customer.assets.cockpit_url}}"))));
      } else {
        channel = Map.of("type", "webhook", "url", sink.url(), "event_name", "bench");
      }
      JsonNode d = live(api, channel);
      String distribution = d.get("id").asString();
      AtomicInteger received = email ? mails : sink.count;
      // warm-up (fresh JVMs compile the hot paths first): a batch that is not measured
      int warmup = Math.min(10_000, messages / 2);
      queueHeld(db, d, 0, warmup, email);
      api.post("/v1/distributions/" + distribution + "/resume", null);
      while (received.get() < warmup) {
        Thread.sleep(100);
      }
      received.set(0);
      queueHeld(db, d, warmup, messages, email);
      long t0 = System.nanoTime();
      api.post("/v1/distributions/" + distribution + "/resume", null);
      long[] perSecond = new long[600];
      int last = 0;
      while (received.get() < messages) {
        Thread.sleep(100);
        int s = (int) ((System.nanoTime() - t0) / 1_000_000_000L);
        if (s < perSecond.length) {
          perSecond[s] = received.get();
        }
        last = s;
        if (s > 590) {
          throw new IllegalStateException("only " + received.get() + " of " + messages + " arrived");
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%s, %d node(s): %d messages in %.2f s = %.0f messages/s (per-second arrivals: %s)%n",
          email ? "email" : "webhook", nodeCount, messages, seconds, messages / seconds,
          rates(perSecond, last));
    } finally {
      nodes.forEach(HeraldProcess::close);
      sink.stop();
      if (smtp != null) {
        smtp.stop();
      }
    }
  }

  private static String rates(long[] cumulative, int last) {
    List<Long> out = new ArrayList<>();
    for (int i = 1; i <= Math.min(last, cumulative.length - 1); i++) {
      out.add(cumulative[i] - cumulative[i - 1]);
    }
    return out.toString();
  }

  private static JsonNode live(Api api, Map<String, Object> channel) {
    JsonNode d =
        api.post(
                "/v1/distributions",
                Map.of(
                    "name", "Bench",
                    "trigger", Map.of("type", "customer.custom_event", "custom_event", "bench"),
                    "action", Map.of("type", "plain_message"),
                    "channels", List.of(channel)))
            .json();
    Api.Response live = api.post("/v1/distributions/" + d.get("id").asString() + "/send", null);
    if (live.status() != 200) {
      throw new IllegalStateException(live.text());
    }
    return d;
  }

  /** Customers and HELD messages inserted directly: the setup, not what is measured. */
  private static void queueHeld(String db, JsonNode d, int offset, int n, boolean email)
      throws SQLException {
    JsonNode ch = d.at("/channels/0");
    try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
      String project;
      try (var s = c.createStatement(); var rs = s.executeQuery("select id from project limit 1")) {
        rs.next();
        project = rs.getString(1);
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into customer (id, project_id, source_id, name, email, created_at)"
                  + " select 'cust_b' || g, ?, 'b' || g, 'Bench ' || g, 'b' || g || '@bench.example', now()"
                  + " from generate_series(?, ?) g")) {
        p.setString(1, project);
        p.setInt(2, offset + 1);
        p.setInt(3, offset + n);
        p.executeUpdate();
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into message (id, project_id, owner_id, channel_id, channel_type, customer_id,"
                  + " trigger_id, status, attempts, next_attempt_at, context, created_at, updated_at,"
                  + " template_id, template_version, voucher_code)"
                  + " select 'msg_b' || g, ?, ?, ?, ?, 'cust_b' || g, 'bench_' || g, 'HELD', 0, now(),"
                  + " jsonb_build_object('event', jsonb_build_object('id', 'evcus_b' || g, 'type', 'customer.custom_event'),"
                  + "   'data', jsonb_build_object('customer', jsonb_build_object('id', 'cust_b' || g, 'name', 'Bench ' || g,"
                  + "   'source_id', 'b' || g), 'event', jsonb_build_object('type', 'bench'))),"
                  + " now(), now(), ?, ?, 'CODE-' || g from generate_series(?, ?) g")) {
        p.setString(1, project);
        p.setString(2, d.get("id").asString());
        p.setString(3, ch.get("id").asString());
        p.setString(4, ch.get("type").asString());
        p.setString(5, ch.has("template_id") ? ch.get("template_id").asString() : null);
        if (ch.has("template_version")) {
          p.setInt(6, ch.get("template_version").asInt());
        } else {
          p.setNull(6, java.sql.Types.INTEGER);
        }
        p.setInt(7, offset + 1);
        p.setInt(8, offset + n);
        p.executeUpdate();
      }
      try (var s = c.createStatement()) {
        s.execute("analyze message");
        s.execute("analyze customer");
      }
    }
  }

  /** Events at a steady rate through the API; latency from each call's planned start to arrival. */
  private static void latency(int nodeCount, int rate, int seconds) throws Exception {
    String db = TestPostgres.newDatabase("bench_latency");
    WebhookSink sink = new WebhookSink(true);
    List<HeraldProcess> nodes = start(db, nodeCount);
    try {
      List<Api> apis = nodes.stream().map(n -> n.api("bench-app", "bench-token")).toList();
      live(apis.get(0), Map.of("type", "webhook", "url", sink.url(), "event_name", "bench"));
      // warm-up, not measured: 20 s at the measured rate, so the node's JIT has compiled the hot
      // paths (a fresh JVM spends a core on compiling for its first minute); then its backlog drains
      int warm = rate * 20;
      fire(apis, warm, rate, new ConcurrentHashMap<>(), "w");
      long drained = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (sink.arrivalsOf("w") < warm && System.nanoTime() < drained) {
        Thread.sleep(100);
      }
      // statistics as a running database has them (a fresh one plans the customer lookup by
      // source_id from an empty table's estimates until autovacuum's first analyze)
      try (Connection c = DriverManager.getConnection(db, "postgres", "");
          var s = c.createStatement()) {
        s.execute("analyze");
      }
      int total = rate * seconds;
      String since = sqlNow(db);
      Map<String, Long> planned = new ConcurrentHashMap<>();
      sink.arrivals.clear();
      fire(apis, total, rate, planned, "e");
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (sink.arrivalsOf("e") < total && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      long[] ms =
          planned.entrySet().stream()
              .filter(e -> sink.arrivals.containsKey(e.getKey()))
              .mapToLong(e -> (sink.arrivals.get(e.getKey()) - e.getValue()) / 1_000_000)
              .sorted()
              .toArray();
      System.out.printf(
          "latency, %d node(s), %d events/s for %d s: %d of %d arrived; p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
          nodeCount, rate, seconds, ms.length, total, pct(ms, 50), pct(ms, 90), pct(ms, 99), ms[ms.length - 1]);
      breakdown(db, since);
    } finally {
      nodes.forEach(HeraldProcess::close);
      sink.stop();
    }
  }

  /** Where the time went, from the database: event stored → message queued → delivered. */
  private static String sqlNow(String db) throws SQLException {
    try (Connection c = DriverManager.getConnection(db, "postgres", "");
        var s = c.createStatement();
        var rs = s.executeQuery("select now()::text")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void breakdown(String db, String since) throws SQLException {
    String sql =
        """
        select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from m.created_at - e.created_at) * 1000),
               percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from m.delivered_at - m.created_at) * 1000)
        from message m join event_log e on e.id = m.trigger_id
        where m.status = 'DELIVERED' and e.created_at >= '%s'
        """
            .formatted(since);
    try (Connection c = DriverManager.getConnection(db, "postgres", "");
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      System.out.printf(
          "  event stored -> message queued (trigger matcher): p50 / p99 %s ms%n"
              + "  message queued -> delivered (dispatcher): p50 / p99 %s ms%n",
          round(rs.getArray(1)),
          round(rs.getArray(2)));
    }
    String rates =
        """
        select count(*) / greatest(0.001, extract(epoch from max(e.created_at) - min(e.created_at))),
               count(*) / greatest(0.001, extract(epoch from max(m.created_at) - min(m.created_at))),
               count(*) / greatest(0.001, extract(epoch from max(m.delivered_at) - min(m.delivered_at)))
        from message m join event_log e on e.id = m.trigger_id
        where m.status = 'DELIVERED' and e.created_at >= '%s'
        """
            .formatted(since);
    try (Connection c = DriverManager.getConnection(db, "postgres", "");
        var s = c.createStatement();
        var rs = s.executeQuery(rates)) {
      rs.next();
      System.out.printf(
          "  sustained rates: events stored %.0f/s, messages queued %.0f/s, delivered %.0f/s%n",
          rs.getDouble(1), rs.getDouble(2), rs.getDouble(3));
    }
  }

  private static String round(java.sql.Array a) throws SQLException {
    Double[] v = (Double[]) a.getArray();
    return Math.round(v[0]) + " / " + Math.round(v[1]);
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  /** Open loop: event i is planned at start + i/rate, whatever the API's speed. */
  private static void fire(List<Api> apis, int total, int rate, Map<String, Long> planned, String prefix)
      throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(64);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    AtomicLong next = new AtomicLong();
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    ticker.scheduleAtFixedRate(
        () -> {
          long due = (System.nanoTime() - start) / periodNanos + 1;
          while (next.get() < Math.min(due, total)) {
            long i = next.getAndIncrement();
            long at = start + i * periodNanos;
            String id = prefix + i;
            planned.put(id, at);
            callers.execute(
                () -> {
                  Api.Response r =
                      apis.get((int) (i % apis.size()))
                          .post("/v1/events", Map.of("event", "bench", "customer", Map.of("source_id", id)));
                  if (r.status() != 200) {
                    failures.incrementAndGet();
                  }
                });
          }
        },
        0,
        1,
        TimeUnit.MILLISECONDS);
    while (next.get() < total) {
      Thread.sleep(50);
    }
    ticker.shutdown();
    callers.shutdown();
    callers.awaitTermination(5, TimeUnit.MINUTES);
    if (failures.get() > 0) {
      System.out.println(failures.get() + " event calls failed");
    }
  }

  /** GreenMail's recipient for the benchmark: counts, keeps nothing. */
  private static final class CountingUser implements com.icegreen.greenmail.user.GreenMailUser {
    public String getEmail() { return "bench@bench.example"; }
    public String getLogin() { return "bench"; }
    public void deliver(com.icegreen.greenmail.mail.MovingMessage m) {}
    public void deliver(jakarta.mail.internet.MimeMessage m) {}
    public void create() {}
    public void delete() {}
    public String getPassword() { return ""; }
    public void setPassword(String p) {}
    public void authenticate(String p) {}
    public String getQualifiedMailboxName() { return "bench"; }
  }

  static String join(long[] values) {
    return Arrays.toString(values);
  }
}
