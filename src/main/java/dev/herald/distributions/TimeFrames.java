package dev.herald.distributions;

import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Ends automatic distributions whose time frame is over: every 30 seconds, LIVE or PAUSED ones past
 * their {@code end_at} become FINISHED. (Events after {@code end_at} never fire them even before
 * the sweep runs: the matcher checks the time frame of each event.)
 */
@Component
class TimeFrames implements TaskHandler, ApplicationRunner {

  static final String QUEUE = "distributions.time-frames";
  private static final Duration EVERY = Duration.ofSeconds(30);

  private final DistributionRepository repository;
  private final DistributionEvents events;
  private final TaskQueue tasks;
  private final Clock clock;

  TimeFrames(
      DistributionRepository repository, DistributionEvents events, TaskQueue tasks, Clock clock) {
    this.repository = repository;
    this.events = events;
    this.tasks = tasks;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    tasks.enqueue(QUEUE, null, "sweep", null, clock.instant());
  }

  @Override
  public String queue() {
    return QUEUE;
  }

  @Override
  public TaskResult handle(Task task) {
    for (Distribution finished : repository.finishEnded(clock.instant())) {
      events.statusChanged(finished);
    }
    return TaskResult.again(clock.instant().plus(EVERY));
  }
}
