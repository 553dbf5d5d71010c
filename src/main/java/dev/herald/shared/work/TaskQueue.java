package dev.herald.shared.work;

import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The generic durable task queue ({@code work_item}): every background job that is not a message
 * delivery runs through it (event consumers, segment syncs, manual sends, sweeps). Enqueueing is
 * idempotent on {@code (queue, key)}; claiming uses {@code FOR UPDATE SKIP LOCKED} and a lease, and
 * a task is handled under a row lock so two nodes never run it at once.
 */
@Component
public class TaskQueue implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(TaskQueue.class);

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Wakeups wakeups;
  private final String node = UUID.randomUUID().toString();
  private final Map<String, TaskHandler> handlers = new ConcurrentHashMap<>();
  private final ObjectProvider<TaskHandler> handlerBeans;

  /**
   * Handler beans are looked up once every singleton exists: handlers depend on facades that
   * enqueue tasks, so taking them in the constructor would be a dependency cycle.
   */
  TaskQueue(
      JdbcClient jdbc,
      NamedParameterJdbcTemplate named,
      TransactionTemplate tx,
      Clock clock,
      Wakeups wakeups,
      ObjectProvider<TaskHandler> handlerBeans) {
    this.jdbc = jdbc;
    this.named = named;
    this.tx = tx;
    this.clock = clock;
    this.wakeups = wakeups;
    this.handlerBeans = handlerBeans;
  }

  @Override
  public void afterSingletonsInstantiated() {
    handlerBeans.orderedStream().forEach(this::register);
  }

  /** Adds a handler created at runtime (before the runtime starts). */
  public void register(TaskHandler handler) {
    if (handlers.putIfAbsent(handler.queue(), handler) != null) {
      throw new IllegalStateException("Two handlers for queue " + handler.queue());
    }
  }

  /**
   * Enqueues a task unless one with the same key is already queued; returns whether it was added.
   * Call inside the transaction that makes the work necessary.
   */
  public boolean enqueue(
      String queue, String projectId, String key, JsonNode payload, Instant runAt) {
    int added =
        jdbc.sql(
                """
                insert into work_item (queue, project_id, key, payload, run_at, created_at)
                values (:queue, :project, :key, cast(:payload as json), :runAt, :now)
                on conflict (queue, key) do nothing
                """)
            .param("queue", queue)
            .param("project", projectId)
            .param("key", key)
            .param("payload", Json.write(payload == null ? Json.object() : payload))
            .param("runAt", Sql.ts(runAt))
            .param("now", Sql.ts(clock.instant()))
            .update();
    if (added > 0 && !runAt.isAfter(clock.instant())) {
      wakeups.wake(queue);
    }
    return added > 0;
  }

  /** A task of a batch for {@link #enqueueAll}. */
  public record NewTask(String projectId, String key, JsonNode payload) {}

  /** Enqueues many tasks of one queue with one batched insert (keys already queued are skipped). */
  public void enqueueAll(String queue, List<NewTask> batch, Instant runAt) {
    enqueueAll(Map.of(queue, batch), runAt);
  }

  /** Tasks of several queues in one multi-row insert (an appended event's consumers). */
  public void enqueueAll(Map<String, List<NewTask>> byQueue, Instant runAt) {
    Instant now = clock.instant();
    List<SqlParameterSource> params = new ArrayList<>();
    byQueue.forEach(
        (queue, batch) -> {
          for (NewTask t : batch) {
            params.add(
                new MapSqlParameterSource()
                    .addValue("queue", queue)
                    .addValue("project", t.projectId())
                    .addValue("key", t.key())
                    .addValue(
                        "payload", Json.write(t.payload() == null ? Json.object() : t.payload()))
                    .addValue("runAt", Sql.ts(runAt))
                    .addValue("now", Sql.ts(now)));
          }
        });
    if (params.isEmpty()) {
      return;
    }
    named.batchUpdate(
        """
        insert into work_item (queue, project_id, key, payload, run_at, created_at)
        values (:queue, :project, :key, cast(:payload as json), :runAt, :now)
        on conflict (queue, key) do nothing
        """,
        params.toArray(SqlParameterSource[]::new));
    if (!runAt.isAfter(now)) {
      byQueue.forEach(
          (queue, batch) -> {
            if (!batch.isEmpty()) {
              wakeups.wake(queue);
            }
          });
    }
  }

  public boolean enqueueNow(String queue, String projectId, String key, JsonNode payload) {
    return enqueue(queue, projectId, key, payload, clock.instant());
  }

  /**
   * Makes a queued task due now. A task running at this moment is left alone — its own result says
   * when it runs next — so this never waits for it.
   */
  public void runNow(String queue, String key) {
    jdbc.sql(
            """
            update work_item set run_at = :now where id in (
              select id from work_item where queue = :queue and key = :key and dead_at is null
              for update skip locked)
            """)
        .param("now", Sql.ts(clock.instant()))
        .param("queue", queue)
        .param("key", key)
        .update();
    wakeups.wake(queue);
  }

  List<Worker> workers() {
    List<Worker> out = new ArrayList<>();
    handlers.values().forEach(h -> out.add(new QueueWorker(h, true)));
    return out;
  }

  /**
   * Runs one batch of a queue on the calling thread, each task once (not kept for its next runs);
   * for tests and tools.
   */
  public int runOnce(String queue) {
    TaskHandler handler = handlers.get(queue);
    if (handler == null) {
      throw new IllegalArgumentException("No handler for queue " + queue);
    }
    return new QueueWorker(handler, false).runOnce();
  }

  private final class QueueWorker implements Worker {

    private final TaskHandler handler;
    private final boolean keeps;

    QueueWorker(TaskHandler handler, boolean keeps) {
      this.handler = handler;
      this.keeps = keeps;
    }

    @Override
    public String name() {
      return handler.queue();
    }

    @Override
    public int threads() {
      return handler.threads();
    }

    @Override
    public Duration pollInterval() {
      return handler.pollInterval();
    }

    @Override
    public int runOnce() {
      List<Task> claimed = claim(handler);
      if (handler.groupCommit() && claimed.size() > 1 && runTogether(handler, claimed)) {
        return claimed.size();
      }
      for (Task task : claimed) {
        runHeld(handler, task, keeps ? handler.keepFor() : Duration.ZERO);
      }
      return claimed.size();
    }
  }

  private List<Task> claim(TaskHandler handler) {
    Instant now = clock.instant();
    return tx.execute(status -> claimDue(handler, now));
  }

  private List<Task> claimDue(TaskHandler handler, Instant now) {
    Sql.planForCurrentTables(jdbc);
    return jdbc
        .sql(
            """
            update work_item set locked_until = :lease, locked_by = :node, attempts = attempts + 1
            where id in (
              select id from work_item
              where queue = :queue and run_at <= :now and dead_at is null
                and (locked_until is null or locked_until < :now)
              order by run_at, id
              limit :limit
              for update skip locked)
            returning id, queue, project_id, key, payload::text as payload, attempts
            """)
        .param("lease", Sql.ts(now.plus(handler.lease())))
        .param("node", node)
        .param("queue", handler.queue())
        .param("now", Sql.ts(now))
        .param("limit", handler.batchSize())
        .query(
            (rs, i) ->
                new Task(
                    rs.getLong("id"),
                    rs.getString("queue"),
                    rs.getString("project_id"),
                    rs.getString("key"),
                    Json.parse(rs.getString("payload")),
                    rs.getInt("attempts")))
        .list()
        .stream()
        .sorted(java.util.Comparator.comparingLong(Task::id))
        .toList();
  }

  /**
   * The whole batch in one transaction; false (rolled back) if any task threw. The tasks still held
   * by this node are locked, and the finished ones deleted, with one statement each.
   */
  private boolean runTogether(TaskHandler handler, List<Task> tasks) {
    try {
      tx.executeWithoutResult(
          status -> {
            List<Long> ids = tasks.stream().map(Task::id).toList();
            Set<Long> ours =
                new HashSet<>(
                    jdbc.sql(
                            "select id from work_item where id = any(:ids) and locked_by = :node"
                                + " order by id for update")
                        .param("ids", Sql.bigintArray(ids))
                        .param("node", node)
                        .query(Long.class)
                        .list());
            List<Task> held = tasks.stream().filter(t -> ours.contains(t.id())).toList();
            handler.prefetch(held);
            List<Long> done = new ArrayList<>();
            for (Task task : held) {
              if (!rescheduled(task, handler.handle(task), null)) {
                done.add(task.id());
              }
            }
            if (!done.isEmpty()) {
              jdbc.sql("delete from work_item where id = any(:ids)")
                  .param("ids", Sql.bigintArray(done))
                  .update();
            }
          });
      return true;
    } catch (RuntimeException e) {
      log.debug(
          "Batch of {} on {} failed, running its tasks one by one",
          tasks.size(),
          handler.queue(),
          e);
      return false;
    }
  }

  /**
   * Runs a claimed task, and runs it again at once while it asks for that within its handler's
   * {@link TaskHandler#keepFor} (each run a transaction of its own).
   */
  private void runHeld(TaskHandler handler, Task claimed, Duration keepFor) {
    long keepUntil = System.nanoTime() + keepFor.toNanos();
    Task task = claimed;
    while (task != null) {
      boolean mayKeep = System.nanoTime() - keepUntil < 0;
      task = run(handler, task, mayKeep);
    }
  }

  /** Runs a task in a transaction of its own; the task again if this node still holds it. */
  private Task run(TaskHandler handler, Task task, boolean mayKeep) {
    try {
      return tx.execute(status -> complete(handler, task, mayKeep));
    } catch (RuntimeException e) {
      failed(handler, task, e);
      return null;
    }
  }

  /**
   * Handles a task still held by this node and completes it, in the caller's transaction; returns
   * the task with its new payload when it is kept to run again at once, else null.
   */
  private Task complete(TaskHandler handler, Task task, boolean mayKeep) {
    boolean stillOurs =
        jdbc.sql("select id from work_item where id = :id and locked_by = :node for update")
                .param("id", task.id())
                .param("node", node)
                .query()
                .listOfRows()
                .size()
            == 1;
    if (!stillOurs) {
      return null; // the lease expired and another node took the task
    }
    TaskResult result = handler.handle(task);
    if (!(result instanceof TaskResult.Again again)) {
      jdbc.sql("delete from work_item where id = :id").param("id", task.id()).update();
      return null;
    }
    Instant now = clock.instant();
    boolean keep = mayKeep && !again.at().isAfter(now);
    rescheduled(task, again, keep ? now.plus(handler.lease()) : null);
    if (!keep) {
      return null;
    }
    return new Task(
        task.id(),
        task.queue(),
        task.projectId(),
        task.key(),
        again.payload() == null ? task.payload() : again.payload(),
        1);
  }

  /**
   * Stores an {@code again} result on the task; false for {@code done}. The task is given back, or
   * with {@code keptUntil} stays this node's until then, its attempts counted as one claim.
   */
  private boolean rescheduled(Task task, TaskResult result, Instant keptUntil) {
    if (!(result instanceof TaskResult.Again again)) {
      return false;
    }
    jdbc.sql(
            """
            update work_item set run_at = :at, locked_until = cast(:keptUntil as timestamptz),
              locked_by = case when :kept then locked_by end,
              attempts = case when :kept then 1 else 0 end, last_error = null,
              payload = coalesce(cast(:payload as json), payload)
            where id = :id
            """)
        .param("at", Sql.ts(again.at()))
        .param("keptUntil", Sql.ts(keptUntil))
        .param("kept", keptUntil != null)
        .param("payload", again.payload() == null ? null : Json.write(again.payload()))
        .param("id", task.id())
        .update();
    return true;
  }

  private void failed(TaskHandler handler, Task task, RuntimeException e) {
    Instant now = clock.instant();
    boolean dead = task.attempts() >= handler.maxAttempts();
    long delaySeconds = Math.min(600, 1L << Math.min(task.attempts() - 1, 10));
    if (dead) {
      log.error(
          "Task {} of queue {} failed {} times; parked",
          task.key(),
          task.queue(),
          task.attempts(),
          e);
    } else {
      log.warn(
          "Task {} of queue {} failed (attempt {}): {}",
          task.key(),
          task.queue(),
          task.attempts(),
          e.toString());
    }
    jdbc.sql(
            """
            update work_item set locked_until = null, locked_by = null, last_error = :error,
              run_at = :runAt, dead_at = :deadAt
            where id = :id and locked_by = :node
            """)
        .param("error", String.valueOf(e))
        .param("runAt", Sql.ts(now.plusSeconds(delaySeconds)))
        .param("deadAt", dead ? Sql.ts(now) : null)
        .param("id", task.id())
        .param("node", node)
        .update();
  }
}
