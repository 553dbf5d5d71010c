package dev.herald.dashboard;

import dev.herald.projects.ProjectId;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskResult;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Counts a large distribution's numbers in the background (see {@link DistributionStats}). */
@Component
class StatsRefresh implements TaskHandler {

  static final String QUEUE = "dashboard-stats";

  private final DistributionStats stats;

  StatsRefresh(DistributionStats stats) {
    this.stats = stats;
  }

  @Override
  public String queue() {
    return QUEUE;
  }

  @Override
  public int threads() {
    return 1;
  }

  @Override
  public int batchSize() {
    return 1;
  }

  @Override
  public Duration lease() {
    return Duration.ofMinutes(2);
  }

  @Override
  public TaskResult handle(Task task) {
    stats.refresh(
        new ProjectId(task.projectId()),
        task.payload().path("distribution").asString(),
        task.payload().path("key").asString());
    return TaskResult.done();
  }
}
