package dev.herald.distributions;

import dev.herald.campaigns.KnownCustomer;
import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.segments.Segment;
import dev.herald.segments.Segments;
import dev.herald.segments.SyncStatus;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends manual distributions. "Save & Send" schedules the send {@code HERALD_MANUAL_DELAY} later; a
 * segment still syncing puts it in WAITING_FOR_SEGMENT_SYNC, and the delay starts when the sync is
 * done. At send time one compare-and-set on the distribution row flips it to SENDING — so a cancel
 * either wins (nothing is sent) or loses (it is too late), never both.
 *
 * <p>A send to one customer is one transaction. A send to a segment is cut into one to {@value
 * #RANGES} ranges of the segment's keyset ({@link SendPartitions}), each sent by a task of its own
 * in batches: each batch one transaction that stores the range's cursor and count, so a crash
 * resumes every range where it stopped and never sends twice. The send's own task watches the
 * ranges and finishes the send when all are done.
 *
 * <p>Keyset batches also send a segment-entered distribution with "include customers already in the
 * segment" once to the members it has when it goes live.
 */
@Component
class ManualSends implements TaskHandler {

  static final String QUEUE = "distributions.manual-send";

  /**
   * Recipients per batch. A batch's objects (customers, codes, publications, events) stay alive
   * until it commits, so the collector copies more of them the larger it is: 1,000 cost twice the
   * copying of 500 while a third of the heap was young. With half of it young (decision 0019), the
   * work every batch does once (its reads, its events, its progress, its commit) weighs more: at
   * 1,000 the queueing is about 4 % faster for the collector's 0.005 ms more per recipient
   * (decision 0021).
   */
  static final int BATCH = 1_000;

  private static final Duration SYNC_POLL = Duration.ofSeconds(2);
  private static final String EXISTING = ":existing";

  /**
   * A segment send is cut into up to {@code RANGES} ranges of its keyset of at least {@code
   * RANGE_MIN} members each (one range below that), sent side by side (by this node's sender
   * threads, or by several nodes).
   */
  static final int RANGES = 4;

  static final long RANGE_MIN = 2_000;

  /** How often the send's own task looks at its ranges (progress, the end, a resume). */
  private static final Duration RANGE_POLL = Duration.ofMillis(500);

  private static final String RANGE = "/range-";

  /**
   * How long a range's sender goes on with its next batches before it gives its task back and takes
   * its turn again (decision 0021): claiming the task for every batch was a transaction and a
   * commit per batch.
   */
  private static final Duration KEEP = Duration.ofSeconds(2);

  private final DistributionRepository repository;
  private final SendPartitions ranges;
  private final Customers customers;
  private final Segments segments;
  private final Messaging messaging;
  private final Fanout fanout;
  private final DistributionEvents events;
  private final TaskQueue tasks;
  private final Clock clock;
  private final Duration delay;

  ManualSends(
      DistributionRepository repository,
      SendPartitions ranges,
      Customers customers,
      Segments segments,
      Messaging messaging,
      Fanout fanout,
      DistributionEvents events,
      TaskQueue tasks,
      Clock clock,
      @Value("${herald.manual-delay:PT10M}") Duration delay) {
    this.repository = repository;
    this.ranges = ranges;
    this.customers = customers;
    this.segments = segments;
    this.messaging = messaging;
    this.fanout = fanout;
    this.events = events;
    this.tasks = tasks;
    this.clock = clock;
    this.delay = delay;
  }

  @Override
  public String queue() {
    return QUEUE;
  }

  @Override
  public int threads() {
    return 2;
  }

  @Override
  public Duration lease() {
    return Duration.ofMinutes(2);
  }

  @Override
  public int batchSize() {
    return 1;
  }

  @Override
  public Duration keepFor() {
    return KEEP;
  }

  /**
   * Schedules a send at now + delay, or waits for the segment's sync first. Call in the transaction
   * that moves the distribution out of DRAFT.
   */
  Distribution schedule(Distribution d) {
    Instant now = clock.instant();
    String segment = segmentOf(d);
    boolean syncing =
        segment != null && segments.syncStatus(d.projectId(), segment) == SyncStatus.IN_PROGRESS;
    Distribution next =
        syncing
            ? d.schedule(now, true)
            : d.schedule(now, false).withRun(d.run().sendAt(now.plus(delay)), now);
    tasks.enqueue(QUEUE, d.projectId().value(), d.id(), null, syncing ? now : next.run().sendAt());
    return next;
  }

  /** Queues the sender again after a pause, to go on from the stored cursor. */
  void resumeSending(Distribution d) {
    tasks.enqueueNow(QUEUE, d.projectId().value(), d.id(), null);
  }

  /** A segment-entered distribution going live with "include customers already in the segment". */
  void sendToExistingMembers(Distribution d) {
    tasks.enqueueNow(
        QUEUE, d.projectId().value(), d.id() + EXISTING, Json.object().put("distribution", d.id()));
  }

  @Override
  public TaskResult handle(Task task) {
    ProjectId project = new ProjectId(task.projectId());
    if (task.key().endsWith(EXISTING)) {
      return existingMembers(project, task);
    }
    if (task.payload() != null && task.payload().has("range")) {
      return sendRange(project, task);
    }
    Instant now = clock.instant();
    Optional<Distribution> seen = repository.find(project, task.key(), false);
    if (seen.isPresent()
        && seen.get().status() == DistributionStatus.SENDING
        && !ranges.of(task.key()).isEmpty()) {
      // watched without a lock, so the ranges' batches in flight are not held up
      return watchRanges(seen.get(), now);
    }
    Optional<Distribution> found = repository.find(project, task.key(), true);
    if (found.isEmpty()) {
      return TaskResult.done(); // deleted
    }
    Distribution d = found.get();
    switch (d.status()) {
      case WAITING_FOR_SEGMENT_SYNC -> {
        if (segments.syncStatus(project, segmentOf(d)) == SyncStatus.IN_PROGRESS) {
          return TaskResult.again(now.plus(SYNC_POLL));
        }
        Distribution scheduled =
            d.withStatus(DistributionStatus.SCHEDULED, null, now)
                .withRun(d.run().sendAt(now.plus(delay)), now);
        repository.update(scheduled);
        events.statusChanged(scheduled);
        return TaskResult.again(scheduled.run().sendAt());
      }
      case SCHEDULED -> {
        if (now.isBefore(d.run().sendAt())) {
          return TaskResult.again(d.run().sendAt());
        }
        Distribution sending = start(d, now);
        return segmentOf(sending) == null
            ? sendToCustomer(sending, now)
            : cutIntoRanges(sending, now);
      }
      case SENDING -> {
        if (segmentOf(d) == null) {
          return sendToCustomer(d, now);
        }
        if (ranges.of(d.id()).isEmpty()) {
          // begun by a version that walked the segment in one line: goes on as one range
          ranges.continueFrom(d.id(), d.run().cursor(), d.run().done());
          queueRanges(d, ranges.of(d.id()));
        }
        return watchRanges(d, now);
      }
      default -> {
        // CANCELED, PAUSED (resume queues us again), SENT, FAILED: nothing to do
        return TaskResult.done();
      }
    }
  }

  private Distribution start(Distribution d, Instant now) {
    String segment = segmentOf(d);
    Long total = segment == null ? 1L : segments.memberCount(d.projectId(), segment);
    Distribution sending =
        d.withStatus(DistributionStatus.SENDING, now, now)
            .withRun(d.run().started(now, total), now);
    repository.update(sending);
    events.statusChanged(sending);
    return sending;
  }

  /** Cuts a segment send into ranges and queues a sender for each. */
  private TaskResult cutIntoRanges(Distribution d, Instant now) {
    long total = d.run().total() == null ? 0 : d.run().total();
    int parts = (int) Math.max(1, Math.min(RANGES, (total + RANGE_MIN - 1) / RANGE_MIN));
    ranges.create(d.id(), segments.splitPoints(d.projectId(), segmentOf(d), total, parts));
    queueRanges(d, ranges.of(d.id()));
    return TaskResult.again(now.plus(RANGE_POLL));
  }

  private void queueRanges(Distribution d, List<SendPartitions.Partition> parts) {
    for (SendPartitions.Partition p : parts) {
      if (!p.finished()) {
        // a sender already queued (or running) for the range keeps its place
        tasks.enqueueNow(
            QUEUE,
            d.projectId().value(),
            d.id() + RANGE + p.part(),
            Json.object().put("distribution", d.id()).put("range", p.part()));
      }
    }
  }

  /**
   * The send's own task while its ranges go out: queues the ranges' senders again after a pause (a
   * sender already queued keeps its place), and finishes the send when every range is done. The
   * count is the ranges' own ({@link DistributionRepository}).
   */
  private TaskResult watchRanges(Distribution d, Instant now) {
    if (segments.find(d.projectId(), segmentOf(d)).isEmpty()) {
      return finishSending(d, now, DistributionStatus.FAILED, "segment_not_found");
    }
    List<SendPartitions.Partition> parts = ranges.of(d.id());
    if (parts.stream().allMatch(SendPartitions.Partition::finished)) {
      return finishSending(d, now, DistributionStatus.SENT, null);
    }
    queueRanges(d, parts);
    return TaskResult.again(now.plus(RANGE_POLL));
  }

  /** Finishes a send read without a lock, if it is still sending once locked. */
  private TaskResult finishSending(
      Distribution d, Instant now, DistributionStatus status, String reason) {
    Optional<Distribution> locked = repository.find(d.projectId(), d.id(), true);
    if (locked.isEmpty() || locked.get().status() != DistributionStatus.SENDING) {
      return TaskResult.done(); // paused meanwhile: a resume looks again
    }
    return finish(locked.get(), now, status, reason);
  }

  /**
   * One batch of one range, committed with the range's cursor. The distribution is share-locked, so
   * a pause waits for the batches in flight and the ranges do not wait for each other. A range's
   * last batch wakes the send's own task, to finish the send without waiting for its next look.
   */
  private TaskResult sendRange(ProjectId project, Task task) {
    String id = task.payload().path("distribution").asString();
    int part = task.payload().path("range").asInt();
    Optional<Distribution> found = repository.findShared(project, id);
    if (found.isEmpty() || found.get().status() != DistributionStatus.SENDING) {
      return TaskResult.done(); // paused (a resume queues it again), or over
    }
    Distribution d = found.get();
    Optional<SendPartitions.Partition> range = ranges.lock(id, part);
    String segment = segmentOf(d);
    if (range.isEmpty() || range.get().finished() || segments.find(project, segment).isEmpty()) {
      return TaskResult.done(); // the send's own task sees a segment gone and fails the send
    }
    SendPartitions.Partition p = range.get();
    Instant now = clock.instant();
    List<String> ids = segments.customerIdsBetween(project, segment, p.next(), p.upTo(), BATCH);
    List<Customer> batch = customers.getAll(project, ids);
    Fanout.Fired fired = send(d, trigger(d, d.id(), "manual_distribution_schedule"), batch, null);
    if (fired.queued() + fired.skipped() > 0) {
      events.queued(d, d.id(), null, fired.queued(), fired.skipped());
    }
    boolean last = ids.size() < BATCH;
    ranges.progressed(
        id, part, ids.isEmpty() ? null : ids.get(ids.size() - 1), batch.size(), last ? now : null);
    if (last) {
      tasks.runNow(QUEUE, id);
      return TaskResult.done();
    }
    return TaskResult.again(now);
  }

  /** A send to one customer (by id or source id): one transaction. */
  private TaskResult sendToCustomer(Distribution d, Instant now) {
    Optional<Customer> one =
        customers.find(d.projectId(), d.audience().path("customer").asString());
    if (one.isEmpty()) {
      return finish(d, now, DistributionStatus.FAILED, "customer_not_found");
    }
    Fanout.Fired fired =
        send(d, trigger(d, d.id(), "manual_distribution_schedule"), List.of(one.get()), null);
    if (fired.queued() + fired.skipped() > 0) {
      events.queued(d, d.id(), one.get().id(), fired.queued(), fired.skipped());
    }
    Distribution progressed = d.withRun(d.run().progressed(d.run().cursor(), 1), now);
    return finish(progressed, now, DistributionStatus.SENT, null);
  }

  private TaskResult existingMembers(ProjectId project, Task task) {
    Optional<Distribution> found =
        repository.find(project, task.payload().path("distribution").asString(), false);
    if (found.isEmpty() || found.get().status() != DistributionStatus.LIVE) {
      return TaskResult.done();
    }
    Distribution d = found.get();
    String segmentId = d.trigger().path("segment_id").asString();
    Optional<Segment> segment = segments.find(project, segmentId);
    if (segment.isEmpty()) {
      return TaskResult.done();
    }
    if (segment.get().initialSyncStatus() == SyncStatus.IN_PROGRESS) {
      return TaskResult.again(clock.instant().plus(SYNC_POLL));
    }
    String cursor = task.payload().path("cursor").asString(null);
    List<String> ids = segments.customerIdsAfter(project, segmentId, cursor, BATCH);
    List<Customer> batch = customers.getAll(project, ids);
    String triggerId = d.id() + EXISTING;
    Fanout.Fired fired =
        send(
            d,
            trigger(d, triggerId, "customer.segment.entered"),
            batch,
            segments.toBriefJson(segment.get()));
    if (fired.queued() + fired.skipped() > 0) {
      events.queued(d, triggerId, null, fired.queued(), fired.skipped());
    }
    if (ids.size() < BATCH) {
      return TaskResult.done();
    }
    ObjectNode next = Json.objectOrEmpty(task.payload());
    next.put("cursor", ids.get(ids.size() - 1));
    return TaskResult.again(clock.instant(), next);
  }

  private Fanout.Fired send(
      Distribution d, Fanout.Trigger trigger, List<Customer> batch, ObjectNode segment) {
    List<Channel> channels = messaging.channels(d.projectId(), d.id());
    List<Fanout.Recipient> recipients = new ArrayList<>(batch.size());
    for (Customer c : batch) {
      KnownCustomer fresh = new KnownCustomer(c, customers.toJson(c));
      ObjectNode data = Json.object();
      data.set("customer", fresh.json());
      if (segment != null) {
        data.set("segment", segment);
      }
      recipients.add(new Fanout.Recipient(c.id(), data, fresh));
    }
    return fanout.fire(d, channels, trigger, recipients);
  }

  private TaskResult finish(Distribution d, Instant now, DistributionStatus status, String reason) {
    Distribution finished =
        d.withStatus(status, d.liveSince(), now).withRun(d.run().finished(now, reason), now);
    repository.update(finished);
    events.statusChanged(finished);
    return TaskResult.done();
  }

  /** The envelope of a manual send (Voucherify's {@code manual_distribution_schedule}). */
  private Fanout.Trigger trigger(Distribution d, String id, String type) {
    ObjectNode event = Json.object();
    event.put("id", id);
    event.put("type", type);
    event.put(
        "created_at",
        Times.format(d.run().startedAt() != null ? d.run().startedAt() : clock.instant()));
    event.putNull("entity_id");
    event.putNull("group_id");
    event.set("event_source", Json.object().put("channel", "USER_PORTAL"));
    return new Fanout.Trigger(id, event);
  }

  static String segmentOf(Distribution d) {
    return d.manual() && d.audience() != null
        ? d.audience().path("segment_id").asString(null)
        : null;
  }
}
