package dev.herald.segments;

import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Re-evaluates time-dependent segments (relative dates) when the day changes: at each midnight of
 * the project's time zone it walks every customer in keyset batches, inserting new matches and
 * deleting members that no longer match, and reports each transition of an active segment. The
 * change of membership and its events commit together per batch, under the segment's lock.
 */
@Component
class SegmentSweep implements TaskHandler {

  static final String QUEUE = "segments.sweep";
  static final int BATCH = 10_000;

  private final SegmentRepository segments;
  private final MemberRepository members;
  private final SegmentFilters filters;
  private final Transitions transitions;
  private final Projects projects;
  private final TaskQueue tasks;
  private final Clock clock;

  SegmentSweep(
      SegmentRepository segments,
      MemberRepository members,
      SegmentFilters filters,
      Transitions transitions,
      Projects projects,
      TaskQueue tasks,
      Clock clock) {
    this.segments = segments;
    this.members = members;
    this.filters = filters;
    this.transitions = transitions;
    this.projects = projects;
    this.tasks = tasks;
    this.clock = clock;
  }

  @Override
  public String queue() {
    return QUEUE;
  }

  @Override
  public Duration lease() {
    return Duration.ofMinutes(2);
  }

  /** Schedules the first sweep, at the next midnight of the project's time zone. */
  void schedule(Segment segment) {
    tasks.enqueue(
        QUEUE,
        segment.projectId().value(),
        segment.id(),
        Json.object(),
        nextMidnight(projects.timeZone(segment.projectId())));
  }

  @Override
  public TaskResult handle(Task task) {
    members.lockSegment(task.key()); // before reading: see every batch and deletion before ours
    Optional<Segment> found = segments.findLive(task.key());
    if (found.isEmpty()) {
      return TaskResult.done();
    }
    Segment segment = found.get();
    Optional<FilterNode.Group> group = filters.of(segment);
    if (group.isEmpty()) {
      return TaskResult.done();
    }
    ZoneId zone = projects.timeZone(segment.projectId());
    String after = task.payload().path("after").asString("");
    Optional<String> end = members.batchEnd(segment.projectId(), after, BATCH);
    CompiledFilter filter = CompiledFilter.compile(group.get(), "");
    Instant now = clock.instant();
    List<MemberRepository.Change> changes =
        members.reconcileBatch(
            segment, filter, new Moment(now, zone), after, end.orElse(null), now);
    report(segment, changes);
    if (end.isPresent()) {
      return TaskResult.again(now, Json.object().put("after", end.get()));
    }
    return TaskResult.again(nextMidnight(zone), Json.object());
  }

  private void report(Segment segment, List<MemberRepository.Change> changes) {
    if (!segment.emitsEvents() || changes.isEmpty()) {
      return;
    }
    Map<String, JsonNode> profiles =
        transitions.profiles(segment, changes.stream().map(MemberRepository.Change::id).toList());
    transitions.report(
        changes.stream()
            .map(
                c -> new Transitions.Transition(segment, c.id(), c.entered(), profiles.get(c.id())))
            .toList());
  }

  private Instant nextMidnight(ZoneId zone) {
    return LocalDate.ofInstant(clock.instant(), zone).plusDays(1).atStartOfDay(zone).toInstant();
  }
}
