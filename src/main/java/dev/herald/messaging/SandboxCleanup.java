package dev.herald.messaging;

import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The sandbox inbox keeps a week: an hourly task deletes older entries. */
@Component
class SandboxCleanup implements TaskHandler, ApplicationRunner {

  static final String QUEUE = "messaging.sandbox-cleanup";
  static final Duration KEEP = Duration.ofDays(7);

  private final SandboxRepository sandbox;
  private final TaskQueue tasks;
  private final TransactionTemplate tx;
  private final Clock clock;

  SandboxCleanup(SandboxRepository sandbox, TaskQueue tasks, TransactionTemplate tx, Clock clock) {
    this.sandbox = sandbox;
    this.tasks = tasks;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    tx.executeWithoutResult(
        s ->
            tasks.enqueue(
                QUEUE, null, "hourly", dev.herald.shared.json.Json.object(), clock.instant()));
  }

  @Override
  public String queue() {
    return QUEUE;
  }

  @Override
  public TaskResult handle(Task task) {
    sandbox.deleteBefore(clock.instant().minus(KEEP));
    return TaskResult.again(clock.instant().plus(Duration.ofHours(1)));
  }
}
