package dev.herald.shared.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.shared.json.Json;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one mechanism for background work, driven by hand ({@code runOnce}) on a real PostgreSQL: a
 * handler registered here has no background thread, so each step is deterministic.
 */
class TaskQueueTest extends HeraldTest {

  @Autowired TaskQueue tasks;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  private String register(Function<Task, TaskResult> body) {
    return register(body, false);
  }

  private String register(Function<Task, TaskResult> body, boolean grouped) {
    return register(body, grouped, Duration.ZERO);
  }

  private String register(Function<Task, TaskResult> body, boolean grouped, Duration keepFor) {
    String queue = "test-" + UUID.randomUUID();
    tasks.register(
        new TaskHandler() {
          @Override
          public String queue() {
            return queue;
          }

          @Override
          public TaskResult handle(Task task) {
            return body.apply(task);
          }

          @Override
          public int maxAttempts() {
            return 3;
          }

          @Override
          public boolean groupCommit() {
            return grouped;
          }

          @Override
          public Duration keepFor() {
            return keepFor;
          }
        });
    return queue;
  }

  private Worker worker(String queue) {
    return tasks.workers().stream().filter(w -> w.name().equals(queue)).findFirst().orElseThrow();
  }

  @Test
  void aGroupCommittedBatchWithOneBadTaskCompletesTheOthersAndRetriesTheBadOneAlone() {
    jdbc.sql("create table if not exists test_effect (queue text, note text)").update();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    String queue =
        register(
            t -> {
              runs.computeIfAbsent(t.key(), k -> new AtomicInteger()).incrementAndGet();
              jdbc.sql("insert into test_effect values (:q, :k)")
                  .param("q", t.queue())
                  .param("k", t.key())
                  .update();
              if (t.key().equals("bad")) {
                throw new IllegalStateException("bad task");
              }
              return TaskResult.done();
            },
            true);
    tx.executeWithoutResult(
        s -> {
          for (String k : List.of("a", "b", "bad", "c")) {
            tasks.enqueueNow(queue, null, k, null);
          }
        });

    assertThat(tasks.runOnce(queue)).isEqualTo(4);
    assertThat(count(queue)).as("only the bad task is left").isEqualTo(1);
    assertThat(
            jdbc.sql("select note from test_effect where queue = :q order by note")
                .param("q", queue)
                .query(String.class)
                .list())
        .as("the failed batch left nothing; each good task's effect exactly once")
        .containsExactly("a", "b", "c");
    assertThat(runs.get("a")).as("ran in the batch, then alone").hasValue(2);
    assertThat(runs.get("bad")).hasValue(2);
    assertThat(
            jdbc.sql("select last_error from work_item where queue = :q")
                .param("q", queue)
                .query(String.class)
                .single())
        .contains("bad task");
  }

  private int count(String queue) {
    return jdbc.sql("select count(*) from work_item where queue = :q and dead_at is null")
        .param("q", queue)
        .query(Integer.class)
        .single();
  }

  @Test
  void enqueueIsIdempotentOnTheKeyAndDoneRemovesTheTask() {
    AtomicInteger runs = new AtomicInteger();
    String queue =
        register(
            t -> {
              runs.incrementAndGet();
              return TaskResult.done();
            });

    Boolean first = tx.execute(s -> tasks.enqueueNow(queue, null, "k1", Json.object()));
    Boolean second = tx.execute(s -> tasks.enqueueNow(queue, null, "k1", Json.object()));
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(tasks.runOnce(queue)).isEqualTo(1);
    assertThat(tasks.runOnce(queue)).isZero();
    assertThat(runs).hasValue(1);
    assertThat(count(queue)).isZero();
  }

  @Test
  void aFutureTaskWaitsForItsTime() {
    String queue = register(t -> TaskResult.done());
    tx.executeWithoutResult(
        s -> tasks.enqueue(queue, null, "later", null, clock.instant().plusSeconds(60)));

    assertThat(tasks.runOnce(queue)).isZero();
    clock.advance(Duration.ofSeconds(61));
    assertThat(tasks.runOnce(queue)).isEqualTo(1);
  }

  @Test
  void runNowMakesAWaitingTaskDueAndLeavesARunningOneAlone() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    String queue =
        register(
            t -> {
              runs.incrementAndGet();
              if (t.key().equals("busy")) {
                running.countDown();
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return TaskResult.again(clock.instant().plusSeconds(60));
              }
              return TaskResult.done();
            });
    tx.executeWithoutResult(
        s -> tasks.enqueue(queue, null, "later", null, clock.instant().plusSeconds(60)));
    assertThat(tasks.runOnce(queue)).isZero();
    tasks.runNow(queue, "later");
    assertThat(tasks.runOnce(queue)).isEqualTo(1);
    assertThat(runs.get()).isEqualTo(1);

    tx.executeWithoutResult(s -> tasks.enqueueNow(queue, null, "busy", null));
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      var run = worker.submit(() -> tasks.runOnce(queue));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      long started = System.nanoTime();
      tasks.runNow(queue, "busy");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("does not wait for the running task")
          .isLessThan(Duration.ofSeconds(5));
      release.countDown();
      assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    } finally {
      worker.shutdownNow();
    }
    assertThat(tasks.runOnce(queue)).as("its own result decides: a minute later").isZero();
  }

  @Test
  void aFailureRollsBackItsEffectsAndRetriesWithBackoffUntilParked() {
    jdbc.sql("create table if not exists test_effect (queue text, note text)").update();
    AtomicInteger runs = new AtomicInteger();
    String queue =
        register(
            t -> {
              runs.incrementAndGet();
              jdbc.sql("insert into test_effect values (:q, 'written')")
                  .param("q", t.queue())
                  .update();
              throw new IllegalStateException("boom " + t.attempts());
            });
    tx.executeWithoutResult(s -> tasks.enqueueNow(queue, null, "fails", null));

    assertThat(tasks.runOnce(queue)).isEqualTo(1);
    assertThat(tasks.runOnce(queue)).as("backing off").isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(tasks.runOnce(queue)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(3));
    assertThat(tasks.runOnce(queue)).isEqualTo(1);
    clock.advance(Duration.ofHours(1));
    assertThat(tasks.runOnce(queue)).as("parked after max attempts").isZero();

    assertThat(runs).hasValue(3);
    assertThat(
            jdbc.sql("select count(*) from test_effect where queue = :q")
                .param("q", queue)
                .query(Integer.class)
                .single())
        .as("effects of failed runs were rolled back")
        .isZero();
    Map<String, Object> parked =
        jdbc.sql("select last_error, dead_at from work_item where queue = :q")
            .param("q", queue)
            .query()
            .singleRow();
    assertThat(parked.get("last_error").toString()).contains("boom 3");
    assertThat(parked.get("dead_at")).isNotNull();
  }

  @Test
  void againReschedulesWithANewPayload() {
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    String queue =
        register(
            t -> {
              int step = t.payload().path("step").asInt();
              seen.add(step);
              return step < 2
                  ? TaskResult.again(
                      appClock.instant().plusSeconds(10), Json.object().put("step", step + 1))
                  : TaskResult.done();
            });
    tx.executeWithoutResult(
        s -> tasks.enqueueNow(queue, null, "steps", Json.object().put("step", 0)));

    tasks.runOnce(queue);
    assertThat(tasks.runOnce(queue)).isZero();
    clock.advance(Duration.ofSeconds(10));
    tasks.runOnce(queue);
    clock.advance(Duration.ofSeconds(10));
    tasks.runOnce(queue);

    assertThat(seen).containsExactly(0, 1, 2);
    assertThat(count(queue)).isZero();
  }

  @Test
  void aKeptTaskRunsAgainAtOnceWithoutBeingClaimedAgainEachRunItsOwnTransaction() {
    jdbc.sql("create table if not exists test_effect (queue text, note text)").update();
    List<String> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    String queue =
        register(
            t -> {
              int step = t.payload().path("step").asInt();
              jdbc.sql("insert into test_effect values (:q, :n)")
                  .param("q", t.queue())
                  .param("n", "step " + step)
                  .update();
              held.add(
                  jdbc.sql("select locked_by is not null from work_item where id = :id")
                          .param("id", t.id())
                          .query(Boolean.class)
                          .single()
                      + " attempt "
                      + t.attempts());
              if (step == 3) {
                throw new IllegalStateException("step 3 failed");
              }
              return TaskResult.again(appClock.instant(), Json.object().put("step", step + 1));
            },
            false,
            Duration.ofMinutes(1));
    tx.executeWithoutResult(
        s -> tasks.enqueueNow(queue, null, "steps", Json.object().put("step", 0)));

    assertThat(tasks.runOnce(queue))
        .as("a test's or tool's run takes one step and gives the task back")
        .isEqualTo(1);
    assertThat(held).containsExactly("true attempt 1");
    held.clear();

    assertThat(worker(queue).runOnce()).as("one claim").isEqualTo(1);
    assertThat(held)
        .as("the worker went on with the task it held, each run counted as one claim")
        .containsExactly("true attempt 1", "true attempt 1", "true attempt 1");
    assertThat(
            jdbc.sql("select note from test_effect where queue = :q order by note")
                .param("q", queue)
                .query(String.class)
                .list())
        .as("each run committed on its own; the failed one left nothing")
        .containsExactly("step 0", "step 1", "step 2");
    Map<String, Object> row =
        jdbc.sql(
                "select payload::text as payload, last_error, locked_by from work_item"
                    + " where queue = :q")
            .param("q", queue)
            .query()
            .singleRow();
    assertThat(Json.parse((String) row.get("payload")).path("step").asInt())
        .as("the failed step is retried where the kept runs got to")
        .isEqualTo(3);
    assertThat((String) row.get("last_error")).contains("step 3 failed");
    assertThat(row.get("locked_by")).as("given back").isNull();
  }

  @Test
  void aDeadNodesLeaseExpiresAndAnotherNodeTakesTheTask() {
    AtomicInteger runs = new AtomicInteger();
    String queue =
        register(
            t -> {
              runs.incrementAndGet();
              return TaskResult.done();
            });
    tx.executeWithoutResult(s -> tasks.enqueueNow(queue, null, "orphan", null));
    // another node claimed it, then died
    jdbc.sql(
            "update work_item set locked_by = 'dead-node', locked_until = :until, attempts = 1 where queue = :q")
        .param(
            "until",
            java.time.OffsetDateTime.ofInstant(
                clock.instant().plusSeconds(300), java.time.ZoneOffset.UTC))
        .param("q", queue)
        .update();

    assertThat(tasks.runOnce(queue)).as("leased by the dead node").isZero();
    clock.advance(Duration.ofSeconds(301));
    assertThat(tasks.runOnce(queue)).isEqualTo(1);
    assertThat(runs).hasValue(1);
  }

  @Test
  void concurrentWorkersRunEveryTaskExactlyOnce() throws Exception {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    String queue =
        register(
            t -> {
              runs.computeIfAbsent(t.key(), k -> new AtomicInteger()).incrementAndGet();
              return TaskResult.done();
            });
    int n = 1000;
    tx.executeWithoutResult(
        s -> {
          for (int i = 0; i < n; i++) {
            tasks.enqueueNow(queue, null, "t" + i, null);
          }
        });

    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch done = new CountDownLatch(6);
    for (int w = 0; w < 6; w++) {
      pool.submit(
          () -> {
            try {
              while (tasks.runOnce(queue) > 0) {
                // keep claiming
              }
            } finally {
              done.countDown();
            }
          });
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();

    assertThat(runs).hasSize(n);
    assertThat(runs.values()).allSatisfy(c -> assertThat(c).hasValue(1));
    assertThat(count(queue)).isZero();
  }
}
