package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.shared.json.Json;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * Many messages queued at once are delivered exactly once each: the claim loop, the lanes and the
 * batched outcome writer never send a message twice or lose one (in-process; the two-node, kill -9
 * version is {@code process.DeliveryNodesIT}).
 */
class ExactlyOnceTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired Messaging messaging;
  @Autowired JdbcClient jdbc;
  @Autowired MessageRepository messages;
  @Autowired OutcomeRepository outcomeLog;
  @Autowired Outcomes outcomes;
  @Autowired Handoff handoff;

  @Test
  void aBurstOfMessagesIsDeliveredOnceEach() throws Exception {
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    receiver.setDispatcher(DeliveryFixture.counting(seen));
    DeliveryFixture f = new DeliveryFixture(newProject(), projects);
    String d = f.webhookDistribution("Burst", receiver.url("/b").toString());
    Channel channel = messaging.channels(f.project, d).get(0);
    int n = 600;
    Thread[] producers = new Thread[4];
    for (int t = 0; t < producers.length; t++) {
      int offset = t;
      producers[t] =
          new Thread(
              () -> {
                for (int i = offset; i < n; i += producers.length) {
                  ObjectNode context = Json.object();
                  context.set("event", Json.object());
                  context.set("data", Json.object().put("i", i));
                  messaging.enqueue(
                      new NewMessage(
                          f.project, d, channel, "cust_" + i, "evt_burst", context, null, null));
                }
              });
      producers[t].start();
    }
    for (Thread t : producers) {
      t.join();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == n);
    await().during(Duration.ofSeconds(1)).until(() -> seen.size() == n);
    assertThat(seen.values())
        .allSatisfy(c -> assertThat(c.get()).as("deliveries of one message").isEqualTo(1));
    Integer delivered =
        jdbc.sql(
                "select count(*) from message where owner_id = :d and status = 'DELIVERED' and attempts = 1")
            .param("d", d)
            .query(Integer.class)
            .single();
    assertThat(delivered).isEqualTo(n);
    Integer attempts =
        jdbc.sql(
                "select count(*) from message_attempt a join message m on m.id = a.message_id"
                    + " where m.owner_id = :d and a.outcome = 'DELIVERED'")
            .param("d", d)
            .query(Integer.class)
            .single();
    assertThat(attempts).isEqualTo(n);
    assertThat(Set.copyOf(seen.keySet())).hasSize(n);
  }

  @Test
  void aSendCutShortByADeadNodeIsSentAgainWhenItsLeaseRunsOutAndTheLostAttemptIsLogged() {
    receiver.setDispatcher(Fixtures.answeringOk());
    DeliveryFixture f = new DeliveryFixture(newProject(), projects);
    String d =
        f.api
            .post(
                "/v1/distributions",
                Map.of(
                    "name",
                    "Orphan",
                    "channels",
                    List.of(DeliveryFixture.webhook(receiver.url("/o").toString()))))
            .json()
            .get("id")
            .asString();
    Channel channel = messaging.channels(f.project, d).get(0);
    // a message a node claimed and was sending when it died: SENDING, its lease about to run out
    claimedOnce("msg_orphan1", f, d, channel, "dead-node");
    await().during(Duration.ofMillis(800)).until(() -> receiver.getRequestCount() == 0);
    clock.advance(Duration.ofSeconds(31));
    tools.jackson.databind.JsonNode m = f.awaitOnly(d, "webhook", "DELIVERED");
    assertThat(m.get("attempts").asInt()).isEqualTo(2);
    assertThat(m.get("attempt_log").findValuesAsString("outcome"))
        .containsExactly("INTERRUPTED", "DELIVERED");
    assertThat(receiver.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aLateOutcomeOfAClaimWhoseLeaseRanOutIsNotRecordedOverTheSameNodesNewClaim()
      throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            answer.await(30, TimeUnit.SECONDS);
            return new MockResponse.Builder().code(200).build();
          }
        });
    DeliveryFixture f = new DeliveryFixture(newProject(), projects);
    String d = f.webhookDistribution("Slow", receiver.url("/s").toString());
    Channel channel = messaging.channels(f.project, d).get(0);
    Handoff.Grant probe = handoff.reserve(1, appClock.instant());
    handoff.release(probe.count());
    String node = probe.node();
    assertThat(node).as("this node's dispatcher runs").isNotNull();
    // this node's first claim of a message, sending longer than its lease
    claimedOnce("msg_slow1", f, d, channel, node);
    Message firstClaim = messages.find(f.project, "msg_slow1").orElseThrow();
    clock.advance(Duration.ofSeconds(31));
    try {
      // the same node claims it again (attempt 2) and sends; the receiver has not answered yet
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.getRequestCount() == 1);

      Outcome late =
          outcomes.attempted(
              firstClaim, new DeliveryResult.Delivered(200, null), appClock.instant(), 5);
      assertThat(outcomeLog.finish(node, appClock.instant(), List.of(late)))
          .as("the first claim's outcome, late: the message is the second claim's now")
          .isEmpty();
    } finally {
      answer.countDown();
    }
    tools.jackson.databind.JsonNode m = f.awaitOnly(d, "webhook", "DELIVERED");
    assertThat(m.get("attempts").asInt()).isEqualTo(2);
    assertThat(m.get("attempt_log").findValuesAsString("outcome"))
        .containsExactly("INTERRUPTED", "DELIVERED");
    assertThat(
            jdbc.sql(
                    "select count(*) from event_log where project_id = :p"
                        + " and type = 'customer.webhook.sent'")
                .param("p", f.project.value())
                .query(Integer.class)
                .single())
        .as("one sent event for the message")
        .isEqualTo(1);
  }

  /**
   * A webhook message of distribution {@code owner} claimed once by {@code node} and being sent:
   * {@code SENDING}, attempt 1, its lease running out in 30 seconds.
   */
  private void claimedOnce(
      String id, DeliveryFixture f, String owner, Channel channel, String node) {
    jdbc.sql(
            """
            insert into message (id, project_id, owner_id, channel_id, channel_type, customer_id,
              trigger_id, status, attempts, next_attempt_at, locked_by, locked_until, context,
              created_at, updated_at, counted)
            values (:id, :project, :owner, :channel, 'webhook', :customer, :trigger, 'SENDING', 1,
              now(), :node, :lease, '{"event":{},"data":{}}', now(), now(), true)
            """)
        .param("id", id)
        .param("project", f.project.value())
        .param("owner", owner)
        .param("channel", channel.id())
        .param("customer", "cust_" + id)
        .param("trigger", "evt_" + id)
        .param("node", node)
        .param("lease", dev.herald.shared.db.Sql.ts(appClock.instant().plusSeconds(30)))
        .update();
  }
}
