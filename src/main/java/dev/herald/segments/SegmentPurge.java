package dev.herald.segments;

import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Deletes a deleted segment's membership in the background, in batches, so deleting a segment of a
 * million members answers at once (the segment itself is hidden immediately).
 */
@Component
class SegmentPurge implements TaskHandler {

  static final String QUEUE = "segments.purge";
  private static final int BATCH = 50_000;

  private final MemberRepository members;
  private final TaskQueue tasks;
  private final Clock clock;

  SegmentPurge(MemberRepository members, TaskQueue tasks, Clock clock) {
    this.members = members;
    this.tasks = tasks;
    this.clock = clock;
  }

  @Override
  public String queue() {
    return QUEUE;
  }

  void start(Segment segment) {
    tasks.enqueueNow(QUEUE, segment.projectId().value(), segment.id(), null);
  }

  @Override
  public TaskResult handle(Task task) {
    members.lockSegment(task.key()); // after any batch or re-evaluation that began before
    int deleted = members.purge(task.key(), BATCH);
    return deleted == BATCH ? TaskResult.again(clock.instant()) : TaskResult.done();
  }
}
