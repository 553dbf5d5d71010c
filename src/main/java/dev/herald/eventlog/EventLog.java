package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.db.TransactionCache;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.ApiErrors;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import dev.herald.shared.work.Wakeups;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Appends facts and hands them to the consumers that react to them. */
@Service
public class EventLog implements SmartInitializingSingleton {

  /** Reactions deeper than this are not taken (a chain of effects must end). */
  public static final int MAX_DEPTH = 5;

  private static final String QUEUE_PREFIX = "event:";

  private static final String PREFETCHED = "eventlog.prefetched";

  /** The most events one consumer task carries. */
  static final int EVENTS_PER_TASK = 1000;

  /** Wake-up name announcing new events of a project (the prefix plus the project id). */
  public static final String STREAM_WAKE = "events:";

  private static final ThreadLocal<Cause> CAUSE = new ThreadLocal<>();

  private final EventLogRepository repository;
  private final TaskQueue tasks;
  private final Wakeups wakeups;
  private final Clock clock;
  private final ObjectProvider<EventConsumer> consumerProvider;
  private volatile List<Subscriber> consumers = List.of();

  /** What a consumer is asked about: a project's events of one type. */
  private record Kind(ProjectId project, String type) {}

  /** A consumer and the members of event data it reads (null: all), worked out once. */
  private record Subscriber(EventConsumer consumer, CarriedEvents.Reads reads) {
    static Subscriber of(EventConsumer consumer) {
      return new Subscriber(
          consumer, consumer.reads() == null ? null : CarriedEvents.Reads.of(consumer.reads()));
    }
  }

  EventLog(
      EventLogRepository repository,
      TaskQueue tasks,
      Wakeups wakeups,
      Clock clock,
      ObjectProvider<EventConsumer> consumerProvider) {
    this.repository = repository;
    this.tasks = tasks;
    this.wakeups = wakeups;
    this.clock = clock;
    this.consumerProvider = consumerProvider;
  }

  /**
   * What the events appended on this thread are reactions to, and the distribution acting now (its
   * direct effects are attributed to it).
   */
  private record Cause(List<String> causedBy, int depth, String groupId, String acting) {}

  @Override
  public void afterSingletonsInstantiated() {
    List<EventConsumer> found = consumerProvider.orderedStream().toList();
    for (EventConsumer consumer : found) {
      tasks.register(new ConsumerTasks(consumer));
    }
    consumers = found.stream().map(Subscriber::of).toList();
  }

  /** Appends a fact in the caller's transaction and queues it for every consumer that wants it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Event append(NewEvent e) {
    return appendAll(List.of(e)).get(0);
  }

  /**
   * Appends facts in the caller's transaction with one multi-row insert, and queues each for every
   * consumer that wants its (project, type) — asked once per pair, not per event. Bulk work (a
   * manual send's batch of a thousand publications) goes through here.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Event> appendAll(List<NewEvent> news) {
    Cause cause = CAUSE.get();
    String groupId = cause != null ? cause.groupId() : requestGroupId();
    List<Event> events = new ArrayList<>(news.size());
    // one time for the facts of one append (one transaction): two facts of one change stay alike
    Instant at = clock.instant();
    for (NewEvent e : news) {
      String distributionId =
          e.distributionId() != null ? e.distributionId() : cause != null ? cause.acting() : null;
      events.add(
          new Event(
              0,
              null, // made from its sequence number when stored (EventIds)
              e.projectId(),
              e.type(),
              e.customerId(),
              e.data(),
              groupId,
              cause != null ? "INTERNAL" : "API",
              cause != null ? cause.causedBy() : List.of(),
              cause != null ? cause.depth() : 0,
              at,
              distributionId,
              null));
    }
    List<Event> stored = repository.insertAll(events);
    stored.stream()
        .map(Event::projectId)
        .distinct()
        .forEach(p -> wakeups.wake(STREAM_WAKE + p.value()));
    // the append's kinds of event (project and type): a batch of a thousand has one to three
    Map<Kind, Integer> kinds = new LinkedHashMap<>();
    int[] kindOf = new int[stored.size()];
    for (int i = 0; i < kindOf.length; i++) {
      Event e = stored.get(i);
      kindOf[i] = kinds.computeIfAbsent(new Kind(e.projectId(), e.type()), k -> kinds.size());
    }
    Map<String, List<TaskQueue.NewTask>> work = new LinkedHashMap<>();
    for (Subscriber subscriber : consumers) {
      EventConsumer consumer = subscriber.consumer();
      boolean[] takes = new boolean[kinds.size()];
      kinds.forEach(
          (kind, k) ->
              takes[k] =
                  consumer.accepts(kind.type()) && consumer.wants(kind.project(), kind.type()));
      List<Event> accepted = new ArrayList<>();
      for (int i = 0; i < kindOf.length; i++) {
        if (takes[kindOf[i]]) {
          accepted.add(stored.get(i));
        }
      }
      work.put(QUEUE_PREFIX + consumer.name(), tasksFor(subscriber, accepted));
    }
    tasks.enqueueAll(work, clock.instant());
    return stored;
  }

  /**
   * The consumer's tasks for the events it accepted: a task per event, or — for a group-committing
   * consumer — one per project for the events of one append (up to {@value #EVENTS_PER_TASK}),
   * handled in order in one transaction: a manual send's batch of a thousand publications is one
   * queue row, not a thousand. A task is keyed by its first event.
   */
  private static List<TaskQueue.NewTask> tasksFor(Subscriber subscriber, List<Event> accepted) {
    int perTask = subscriber.consumer().groupCommit() ? EVENTS_PER_TASK : 1;
    CarriedEvents.Reads reads = subscriber.reads();
    Map<ProjectId, List<Event>> byProject = new LinkedHashMap<>();
    accepted.forEach(e -> byProject.computeIfAbsent(e.projectId(), k -> new ArrayList<>()).add(e));
    List<TaskQueue.NewTask> out = new ArrayList<>();
    byProject.forEach(
        (project, events) -> {
          for (int from = 0; from < events.size(); from += perTask) {
            List<Event> chunk = events.subList(from, Math.min(events.size(), from + perTask));
            out.add(
                new TaskQueue.NewTask(
                    project.value(),
                    chunk.get(0).id(),
                    reads == null
                        ? payload(chunk.stream().map(Event::seq))
                        : CarriedEvents.payload(
                            chunk.stream().map(e -> CarriedEvents.carry(e, reads)).toList())));
          }
        });
    return out;
  }

  /** A consumer task's payload: the sequence numbers of its events. */
  private static ObjectNode payload(java.util.stream.Stream<Long> seqs) {
    ObjectNode payload = Json.object();
    seqs.forEach(seq -> payload.withArray("seqs").add(seq));
    return payload;
  }

  /**
   * Runs {@code action} as an effect of distribution {@code distributionId} reacting to {@code
   * cause}: events it appends record the distribution in their causation chain, so that
   * distribution never fires on them.
   */
  public <T> T asEffectOf(Event cause, String distributionId, Supplier<T> action) {
    Cause previous = CAUSE.get();
    List<String> chain = new ArrayList<>(cause.causedBy());
    if (distributionId != null && !chain.contains(distributionId)) {
      chain.add(distributionId);
    }
    CAUSE.set(new Cause(List.copyOf(chain), cause.depth() + 1, cause.groupId(), distributionId));
    try {
      return action.get();
    } finally {
      restore(previous);
    }
  }

  /**
   * Runs {@code action} as work of distribution {@code distributionId} that no event caused (a
   * manual send's batch): events it appends are attributed to the distribution (its activity shows
   * them) and carry it in their causation chain, as {@link #asEffectOf} does for triggered work.
   */
  public <T> T actingFor(String distributionId, Supplier<T> action) {
    Cause previous = CAUSE.get();
    if (previous != null && distributionId.equals(previous.acting())) {
      return action.get();
    }
    List<String> chain =
        previous == null ? new ArrayList<>() : new ArrayList<>(previous.causedBy());
    if (!chain.contains(distributionId)) {
      chain.add(distributionId);
    }
    CAUSE.set(
        new Cause(
            List.copyOf(chain),
            previous == null ? 0 : previous.depth(),
            previous == null ? requestGroupId() : previous.groupId(),
            distributionId));
    try {
      return action.get();
    } finally {
      restore(previous);
    }
  }

  private static void restore(Cause previous) {
    if (previous == null) {
      CAUSE.remove();
    } else {
      CAUSE.set(previous);
    }
  }

  /**
   * The data of these events, by sequence number (a snapshot that shares an event's data reads it
   * back from here); events that do not exist are left out.
   */
  public Map<Long, ObjectNode> dataOf(java.util.Collection<Long> seqs) {
    Map<Long, ObjectNode> out = new HashMap<>();
    repository.bySeqs(seqs).forEach((seq, e) -> out.put(seq, e.data()));
    return out;
  }

  public Optional<Event> find(ProjectId project, String eventId) {
    return repository.byId(project, eventId);
  }

  /** A page of activity and whether more follows. */
  public record ActivityPage(List<Event> events, boolean hasMore) {}

  /** Events matching {@code filter}, newest first (or oldest first), paged by event id. */
  public ActivityPage activity(ProjectId project, StreamFilter filter, ActivityQuery query) {
    Long afterSeq = null;
    if (query.startingAfterId() != null) {
      afterSeq =
          repository
              .byId(project, query.startingAfterId())
              .map(Event::seq)
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "invalid_query_params",
                          "starting_after_id "
                              + query.startingAfterId()
                              + " is not a known event"));
    }
    List<Event> rows = repository.page(project, filter, query, afterSeq);
    boolean hasMore = rows.size() > query.limit();
    return new ActivityPage(hasMore ? rows.subList(0, query.limit()) : rows, hasMore);
  }

  /** The position where a stream that wants only new events starts. */
  public String streamStart() {
    return repository.streamStart();
  }

  /**
   * Events after {@code cursor} in gap-free stream order: by transaction, then sequence, and only
   * from transactions older than any still running, so a late commit never lands behind a cursor.
   */
  public List<Event> stream(ProjectId project, StreamFilter filter, String cursor, int limit) {
    return repository.stream(project, filter, cursor, limit);
  }

  private static String requestGroupId() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes == null) {
      return null;
    }
    Object id = attributes.getAttribute(ApiErrors.REQUEST_ID, RequestAttributes.SCOPE_REQUEST);
    return id == null ? null : id.toString();
  }

  /** One consumer's queue: a task per accepted event, handled with the event as the cause. */
  private final class ConsumerTasks implements TaskHandler {

    private final EventConsumer consumer;

    ConsumerTasks(EventConsumer consumer) {
      this.consumer = consumer;
    }

    @Override
    public String queue() {
      return QUEUE_PREFIX + consumer.name();
    }

    @Override
    public int threads() {
      return consumer.threads();
    }

    @Override
    public boolean groupCommit() {
      return consumer.groupCommit();
    }

    @Override
    public java.time.Duration pollInterval() {
      return java.time.Duration.ofMillis(500);
    }

    /**
     * Short: a dead node's claimed events come back within 30 s. Safe, since a task being handled
     * is row-locked and a reclaimed one is skipped by its old claimer.
     */
    @Override
    public java.time.Duration lease() {
      return java.time.Duration.ofSeconds(30);
    }

    /**
     * The events of a group-committed batch, loaded with one query for its transaction (carried
     * ones are in their tasks already).
     */
    @Override
    public void prefetch(List<Task> batch) {
      TransactionCache.get(
          PREFETCHED,
          () ->
              repository.bySeqs(
                  batch.stream().filter(t -> !carries(t)).flatMap(t -> seqs(t).stream()).toList()));
    }

    /**
     * Handles the task's event, or its events in order. A task of several events that failed before
     * is split into a task per event, so one bad event is retried (and parked) on its own.
     */
    @Override
    public TaskResult handle(Task task) {
      if (carries(task)) {
        return handleCarried(task);
      }
      List<Long> seqs = seqs(task);
      if (seqs.size() > 1 && task.attempts() > 1) {
        split(
            task,
            seqs.stream()
                .map(seq -> java.util.Map.entry(seq, payload(java.util.stream.Stream.of(seq)))));
        return TaskResult.done();
      }
      // a batch run together prefetched its events already; a task run alone loads its own
      Map<Long, Event> prefetched = TransactionCache.get(PREFETCHED, () -> repository.bySeqs(seqs));
      for (long seq : seqs) {
        Event event = prefetched.get(seq);
        if (event == null) {
          throw new IllegalStateException("event " + seq + " is gone");
        }
        handleOne(event);
      }
      return TaskResult.done();
    }

    /** {@link #handle} for a task carrying its events. */
    private TaskResult handleCarried(Task task) {
      List<ObjectNode> events = CarriedEvents.events(task.payload());
      if (events.size() > 1 && task.attempts() > 1) {
        split(
            task,
            events.stream()
                .map(e -> Map.entry(e.get("seq").asLong(), CarriedEvents.payload(List.of(e)))));
        return TaskResult.done();
      }
      ProjectId project = new ProjectId(task.projectId());
      events.forEach(e -> handleOne(CarriedEvents.read(project, e)));
      return TaskResult.done();
    }

    /**
     * A task of several events that failed before becomes a task per event, so one bad event is
     * retried (and parked) on its own.
     */
    private void split(Task task, java.util.stream.Stream<Map.Entry<Long, ObjectNode>> perEvent) {
      tasks.enqueueAll(
          queue(),
          perEvent
              .map(
                  e ->
                      new TaskQueue.NewTask(
                          task.projectId(), task.key() + "/" + e.getKey(), e.getValue()))
              .toList(),
          clock.instant());
    }

    private void handleOne(Event event) {
      asEffectOf(
          event,
          null,
          () -> {
            consumer.handle(event);
            return null;
          });
    }

    private static boolean carries(Task task) {
      return task.payload().has("events");
    }

    /** A task's events: {@code seqs}, or {@code seq} in tasks queued before there were several. */
    private static List<Long> seqs(Task task) {
      JsonNode many = task.payload().path("seqs");
      if (!many.isArray()) {
        return List.of(task.payload().path("seq").asLong());
      }
      List<Long> out = new ArrayList<>(many.size());
      many.forEach(n -> out.add(n.asLong()));
      return out;
    }
  }
}
