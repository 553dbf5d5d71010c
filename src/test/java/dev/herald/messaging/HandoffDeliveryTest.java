package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.shared.json.Json;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages queued on a node whose dispatcher runs are inserted already claimed by that node and
 * handed to its dispatcher in memory ({@link Handoff}); the rest of a batch too large for the
 * hand-over is queued and claimed from the table. Either way each message is delivered once, on its
 * first attempt; a rolled-back batch hands nothing and gives its places back.
 */
class HandoffDeliveryTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired Messaging messaging;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired DispatcherProperties dispatcher;
  @Autowired Handoff handoff;
  @Autowired MessageRepository messages;
  @Autowired dev.herald.eventlog.EventLog eventLog;

  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

  @Test
  void aBatchIsQueuedClaimedByThisNodeAndTheRestFromTheTableEachDeliveredOnce() {
    Target t = target("Handed");
    int n = Handoff.CAPACITY + 300;

    Map<String, Object> inserted =
        tx.execute(
            status -> {
              messaging.enqueueAll(batch(t, n, "evt_handed"));
              // seen from inside the queuing transaction, before any dispatcher could act
              return jdbc.sql(
                      """
                      select count(*) filter (where status = 'SENDING' and locked_by is not null
                                and attempts = 1
                                and locked_until = created_at + cast(:lease as interval)) as claimed,
                             count(*) filter (where status = 'QUEUED' and locked_by is null
                                and attempts = 0) as queued
                      from message where owner_id = :d
                      """)
                  .param("d", t.owner())
                  .param("lease", dispatcher.lease().toSeconds() + " seconds")
                  .query()
                  .singleRow();
            });
    long claimed = ((Number) inserted.get("claimed")).longValue();
    long queued = ((Number) inserted.get("queued")).longValue();
    assertThat(claimed)
        .as("claimed by this node as they were queued")
        .isBetween(1L, (long) Handoff.CAPACITY);
    assertThat(claimed + queued).isEqualTo(n);
    assertThat(queued).as("beyond the hand-over's places").isGreaterThanOrEqualTo(300);

    await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == n);
    await().during(Duration.ofSeconds(1)).until(() -> seen.size() == n);
    assertThat(seen.values())
        .allSatisfy(c -> assertThat(c.get()).as("deliveries of one message").isEqualTo(1));
    assertThat(
            jdbc.sql(
                    "select count(*) from message where owner_id = :d and status = 'DELIVERED'"
                        + " and attempts = 1 and locked_by is null and locked_until is null")
                .param("d", t.owner())
                .query(Integer.class)
                .single())
        .isEqualTo(n);
    assertThat(
            jdbc.sql(
                    "select count(*) from message_attempt a join message m on m.id = a.message_id"
                        + " where m.owner_id = :d and a.outcome = 'DELIVERED'")
                .param("d", t.owner())
                .query(Integer.class)
                .single())
        .as("one attempt each, none interrupted")
        .isEqualTo(n);
  }

  @Test
  void aRolledBackBatchHandsNothingAndGivesItsPlacesBack() {
    Target t = target("Rolled back");
    tx.executeWithoutResult(
        status -> {
          messaging.enqueueAll(batch(t, Handoff.CAPACITY, "evt_rolled_back"));
          status.setRollbackOnly();
        });
    assertThat(
            jdbc.sql("select count(*) from message where owner_id = :d")
                .param("d", t.owner())
                .query(Integer.class)
                .single())
        .isZero();

    Integer claimedNext =
        tx.execute(
            status -> {
              messaging.enqueueAll(batch(t, 5, "evt_after"));
              return jdbc.sql(
                      "select count(*) from message where owner_id = :d and status = 'SENDING'")
                  .param("d", t.owner())
                  .query(Integer.class)
                  .single();
            });
    assertThat(claimedNext).as("the rolled-back batch's places came back").isEqualTo(5);
    await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 5);
    await().during(Duration.ofMillis(500)).until(() -> seen.size() == 5);
  }

  @Test
  void messagesCommittedAfterTheDispatcherStoppedGoBackToWaitingAndAreClaimedFromTheTable() {
    Target t = target("Stopped meanwhile");
    queueWhileTheDispatcherStops(
        batch(t, 20, "evt_stopped"),
        () ->
            assertThat(
                    jdbc.sql(
                            "select count(*) from message where owner_id = :d and status = 'QUEUED'"
                                + " and locked_by is null and locked_until is null"
                                + " and attempts = 0")
                        .param("d", t.owner())
                        .query(Integer.class)
                        .single())
                .as("back to waiting, the claim's attempt taken back")
                .isEqualTo(20));
    await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 20);
    await().during(Duration.ofMillis(500)).until(() -> seen.size() == 20);
    assertThat(seen.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }

  @Test
  void whatABatchsMessagesHoldInCommonIsStoredOnceAndEachReadsItWholeFromTheTable() {
    Target t = target("Shared");
    Map<String, String> bodies = recordingBodies();
    ObjectNode event = Json.object().put("id", "evt_shared").put("type", "manual").put("n", 1);
    event.set("event_source", Json.object().put("channel", "USER_PORTAL"));
    ObjectNode distribution =
        Json.object().put("id", t.owner()).put("object", "distribution").put("name", "Shared");
    distribution.set("parameters", Json.object().put("trigger", "manual"));
    ObjectNode other = distribution.deepCopy().put("name", "An equal-shaped other");
    int n = 20;
    List<Messaging.Outgoing> batch =
        batch(
            t,
            n,
            "evt_shared",
            i -> {
              ObjectNode context = Json.object();
              context.set("event", event);
              ObjectNode data = Json.object().put("i", i);
              data.set(
                  "customer",
                  Json.object().put("id", "cust_" + i).put("a", 1).put("b", 2).put("c", 3));
              data.set("distribution", i == n - 1 ? other : distribution);
              context.set("data", data);
              return context;
            });
    // every message goes back to the table, to be claimed from there
    queueWhileTheDispatcherStops(batch, () -> {});

    List<String> stored =
        jdbc.sql(
                "select m.context::text from message m join message_shared s on s.id = m.shared_of"
                    + " where m.owner_id = :d order by m.customer_id")
            .param("d", t.owner())
            .query(String.class)
            .list();
    assertThat(stored).as("all but the one with the other distribution").hasSize(n);
    assertThat(stored)
        .allSatisfy(
            c ->
                assertThat(c)
                    .contains("\"event\":{\"$shared\":\"event\"}")
                    .doesNotContain("USER_PORTAL")
                    .doesNotContain("\"$shared\":\"customer\""));
    assertThat(stored.stream().filter(c -> c.contains("{\"$shared\":\"distribution\"}")))
        .hasSize(n - 1);
    assertThat(
            jdbc.sql("select count(*) from message_shared where project_id = :p")
                .param("p", t.fixture().project.value())
                .query(Integer.class)
                .single())
        .as("one shared part for the batch")
        .isEqualTo(1);

    await().atMost(Duration.ofSeconds(30)).until(() -> bodies.size() == n);
    for (String body : bodies.values()) {
      var data = Json.parse(body).get("data");
      int i = data.get("i").asInt();
      assertThat(data.get("customer").get("id").asString()).isEqualTo("cust_" + i);
      assertThat(data.get("distribution")).isEqualTo(i == n - 1 ? other : distribution);
    }
    Message read = readBack(t, "cust_3");
    assertThat(read.context().get("event")).isEqualTo(event);
    assertThat(read.context().at("/data/distribution")).isEqualTo(distribution);
  }

  @Test
  void aSnapshotEveryMessageOfABatchHasAlikeIsStoredOnceAndEachReadsItWholeFromTheTable() {
    Target t = target("Alike");
    Map<String, String> bodies = recordingBodies();
    ObjectNode event =
        Json.object().put("id", t.owner()).put("type", "manual").put("n", 1).put("m", 2);
    ObjectNode distribution =
        Json.object().put("id", t.owner()).put("object", "distribution").put("name", "Alike");
    distribution.set("parameters", Json.object().put("trigger", "manual"));
    int n = 20;
    // as a manual send's: each recipient's customer and code are its publication event's, the
    // event and the distribution the batch's, so every snapshot as stored is only marks
    List<ObjectNode> published = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode data = Json.object();
      data.set(
          "customer", Json.object().put("id", "cust_" + i).put("a", 1).put("b", 2).put("c", 3));
      data.set(
          "voucher",
          Json.object().put("code", "CODE-" + i).put("object", "voucher").put("a", 1).put("b", i));
      published.add(data);
    }
    List<dev.herald.eventlog.Event> events =
        tx.execute(
            s ->
                eventLog.appendAll(
                    published.stream()
                        .map(
                            d ->
                                dev.herald.eventlog.NewEvent.of(
                                    t.fixture().project,
                                    "customer.publication.succeeded",
                                    d.get("customer").get("id").asString(),
                                    d))
                        .toList()));
    List<Messaging.Outgoing> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode data = Json.object();
      data.set("customer", published.get(i).get("customer"));
      data.set("voucher", published.get(i).get("voucher"));
      data.set("distribution", distribution);
      ObjectNode context = Json.object();
      context.set("event", event);
      context.set("data", data);
      batch.add(
          outgoing(
              t,
              i,
              "evt_alike",
              context,
              "CODE-" + i,
              new SnapshotBase(events.get(i).seq(), published.get(i))));
    }
    // every message goes back to the table, to be claimed from there
    queueWhileTheDispatcherStops(batch, () -> {});

    assertThat(
            jdbc.sql("select context::text from message where owner_id = :d")
                .param("d", t.owner())
                .query(String.class)
                .list())
        .as("each message stores only a mark of its batch's snapshot")
        .hasSize(n)
        .containsOnly(Snapshots.SNAPSHOT_MARK);
    assertThat(
            Json.parse(
                    jdbc.sql("select context::text from message_shared where project_id = :p")
                        .param("p", t.fixture().project.value())
                        .query(String.class)
                        .single())
                .get(Snapshots.SNAPSHOT))
        .as("stored once")
        .isEqualTo(
            Json.parse(
                """
                {"event":{"$shared":"event"},"data":{"customer":{"$event":"customer"},
                 "voucher":{"$event":"voucher"},"distribution":{"$shared":"distribution"}}}"""));

    await().atMost(Duration.ofSeconds(30)).until(() -> bodies.size() == n);
    for (String body : bodies.values()) {
      var whole = Json.parse(body);
      String customer = whole.at("/data/customer/id").asString();
      int i = Integer.parseInt(customer.substring("cust_".length()));
      assertThat(whole.at("/data/voucher")).isEqualTo(published.get(i).get("voucher"));
      assertThat(whole.at("/data/distribution")).isEqualTo(distribution);
      assertThat(whole.get("event")).isEqualTo(event);
    }
    Message read = readBack(t, "cust_3");
    assertThat(read.context().get("event")).isEqualTo(event);
    assertThat(read.context().get("data"))
        .isEqualTo(Json.object().setAll(published.get(3)).set("distribution", distribution));
    assertThat(messages.vouchersOf(t.fixture().project, "cust_3"))
        .as("the codes a customer was sent, as the cockpit reads them")
        .containsExactly(published.get(3).get("voucher"));
  }

  /**
   * Queues {@code batch} in a transaction during which this node's dispatcher stops (after the
   * batch was claimed for it, before it commits), runs {@code whileStopped} after the commit, then
   * starts the dispatcher again.
   */
  private void queueWhileTheDispatcherStops(List<Messaging.Outgoing> batch, Runnable whileStopped) {
    Handoff.Grant probe = handoff.reserve(1, appClock.instant());
    handoff.release(probe.count());
    assertThat(probe.node()).as("this node's dispatcher runs").isNotNull();
    List<Handoff.Handed> waiting = new ArrayList<>();
    try {
      tx.executeWithoutResult(
          status -> {
            messaging.enqueueAll(batch);
            waiting.addAll(handoff.close());
          });
      whileStopped.run();
    } finally {
      handoff.open(probe.node(), dispatcher.lease());
      handoff.hand(waiting);
    }
  }

  private record Target(DeliveryFixture fixture, String owner, Channel channel) {}

  /** The bodies the receiver gets from now on, by {@code webhook-id}; it answers each 200. */
  private Map<String, String> recordingBodies() {
    Map<String, String> bodies = new ConcurrentHashMap<>();
    receiver.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
            bodies.put(request.getHeaders().get("webhook-id"), request.getBody().utf8());
            return new mockwebserver3.MockResponse.Builder().code(200).build();
          }
        });
    return bodies;
  }

  /** The message to {@code customer}, read back through the messaging API. */
  private Message readBack(Target t, String customer) {
    String id =
        jdbc.sql("select id from message where owner_id = :d and customer_id = :c")
            .param("d", t.owner())
            .param("c", customer)
            .query(String.class)
            .single();
    return messaging.message(t.fixture().project, id).orElseThrow();
  }

  private Target target(String name) {
    receiver.setDispatcher(DeliveryFixture.counting(seen));
    DeliveryFixture f = new DeliveryFixture(newProject(), projects);
    String d = f.webhookDistribution(name, receiver.url("/h").toString());
    return new Target(f, d, messaging.channels(f.project, d).get(0));
  }

  private static List<Messaging.Outgoing> batch(Target t, int n, String trigger) {
    return batch(
        t,
        n,
        trigger,
        i -> {
          ObjectNode context = Json.object();
          context.set("event", Json.object());
          context.set("data", Json.object().put("i", i));
          return context;
        });
  }

  /** {@code n} messages to customers {@code cust_0…}, the i-th with {@code contextOf(i)}. */
  private static List<Messaging.Outgoing> batch(
      Target t, int n, String trigger, java.util.function.IntFunction<ObjectNode> contextOf) {
    List<Messaging.Outgoing> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(outgoing(t, i, trigger, contextOf.apply(i), null, null));
    }
    return out;
  }

  /** A message to customer {@code cust_<i>} of the target's channel. */
  private static Messaging.Outgoing outgoing(
      Target t, int i, String trigger, ObjectNode context, String code, SnapshotBase base) {
    return new Messaging.Outgoing(
        new NewMessage(
            t.fixture().project, t.owner(), t.channel(), "cust_" + i, trigger, context, code, base),
        null);
  }
}
