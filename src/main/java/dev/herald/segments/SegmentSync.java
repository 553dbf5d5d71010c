package dev.herald.segments;

import dev.herald.shared.json.Json;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The initial sync of a filter segment: walks the project's customers in id order, one keyset batch
 * per task run (one transaction each), inserting the members of each batch with one set-based
 * statement. Silent: the members found here were not "entering", they were already in when the
 * segment was created. When no customer is left the segment is DONE; a time-dependent one then gets
 * its daily sweep.
 */
@Component
class SegmentSync implements TaskHandler {

  static final String QUEUE = "segments.sync";

  private final SegmentRepository segments;
  private final MemberRepository members;
  private final SegmentFilters filters;
  private final CustomerEvaluation evaluation;
  private final SegmentSweep sweep;
  private final TaskQueue tasks;
  private final Clock clock;
  private volatile int batchSize;

  SegmentSync(
      SegmentRepository segments,
      MemberRepository members,
      SegmentFilters filters,
      CustomerEvaluation evaluation,
      SegmentSweep sweep,
      TaskQueue tasks,
      Clock clock,
      @Value("${herald.segments.sync-batch:50000}") int batchSize) {
    this.segments = segments;
    this.members = members;
    this.filters = filters;
    this.evaluation = evaluation;
    this.sweep = sweep;
    this.tasks = tasks;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  @Override
  public String queue() {
    return QUEUE;
  }

  @Override
  public Duration lease() {
    return Duration.ofMinutes(2);
  }

  /** Queues the sync of a new segment; call in the transaction that created it. */
  void start(Segment segment) {
    tasks.enqueueNow(QUEUE, segment.projectId().value(), segment.id(), Json.object());
  }

  /** For tests: smaller batches exercise the keyset walk. Returns the previous size. */
  int batchSize(int size) {
    int previous = batchSize;
    batchSize = size;
    return previous;
  }

  @Override
  public TaskResult handle(Task task) {
    members.lockSegment(task.key()); // before reading: see every batch and deletion before ours
    Optional<Segment> found = segments.findLive(task.key());
    if (found.isEmpty() || found.get().synced()) {
      return TaskResult.done();
    }
    Segment segment = found.get();
    Optional<FilterNode.Group> group = filters.of(segment);
    if (group.isEmpty()) {
      return TaskResult.done();
    }
    String after = task.payload().path("after").asString("");
    Optional<String> end = members.batchEnd(segment.projectId(), after, batchSize);
    CompiledFilter filter = CompiledFilter.compile(group.get(), "");
    Instant now = clock.instant();
    Moment moment = filter.needsMoment() ? evaluation.moment(segment.projectId()) : null;
    members.syncBatch(segment, filter, moment, after, end.orElse(null), now);
    if (end.isPresent()) {
      segments.syncedUpTo(segment.id(), end.get());
      return TaskResult.again(now, Json.object().put("after", end.get()));
    }
    segments.syncDone(segment.id());
    if (segment.timeDependent()) {
      sweep.schedule(segment);
    }
    return TaskResult.done();
  }
}
