package dev.herald.messaging;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.projects.Project;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.work.HeraldRoles;
import dev.herald.shared.work.Wakeups;
import dev.herald.shared.work.Worker;
import dev.herald.templates.TemplateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due messages for every channel. One claim loop per node takes a batch of due messages
 * ({@code FOR UPDATE SKIP LOCKED}, leased to this node) of the channel types that have room, asks
 * the {@link SendPolicy} about each, hands the sends to the channel's lane (its own threads, so a
 * slow provider never holds up another) and the rest to the {@link ResultWriter}, which records
 * outcomes in batches. Any number of nodes share the queue without sending a message twice: a claim
 * belongs to one node, and only that node may record its outcome. A node that dies loses nothing:
 * its leases run out and another node sends the messages (an HTTP delivery in flight at the instant
 * of the crash may be repeated, with the same {@code webhook-id}).
 */
@Component
class Dispatcher implements Worker, SmartLifecycle {

  static final String NAME = "messaging.dispatcher";
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  /**
   * Room to come back before a full lane is refilled (claims come in batches); less for a lane that
   * holds fewer ({@link Lanes#refill}).
   */
  private static final int REFILL = 16;

  /** How often the table's due messages get the first pick of the room over handed ones. */
  private static final Duration TABLE_TURN = Duration.ofMillis(250);

  private final MessageRepository messages;
  private final OutcomeRepository outcomeLog;
  private final ChannelRepository channels;
  private final Projects projects;
  private final Customers customers;
  private final Map<String, ChannelAdapter> adapters;
  private final SendPolicy policy;
  private final Outcomes outcomes;
  private final Clock clock;
  private final DispatcherProperties properties;
  private final HeraldRoles roles;
  private final Lanes lanes;
  private final ResultWriter writer;
  private final Handoff handoff;

  /** Who holds a claim ({@code locked_by}): this process and a random part for each start. */
  private final String node =
      ProcessHandle.current().pid()
          + "@"
          + hostName()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);

  private volatile boolean running;
  private volatile Instant tableClaimed = Instant.EPOCH;

  /** Wake-ups heard (new messages queued on any node): a drained lane is worth asking again. */
  private final AtomicLong wakes = new AtomicLong();

  /**
   * Lanes whose last claim from the table came back short (nothing more was due): the wake-ups
   * heard by then, and when. A full webhook lane otherwise had the idle email, SMS and integration
   * lanes asked for due messages every time sixteen webhooks finished, thousands of empty claims.
   */
  private final Map<String, Drained> drained = new ConcurrentHashMap<>();

  private record Drained(long wakes, long nanos) {}

  Dispatcher(
      MessageRepository messages,
      OutcomeRepository outcomeLog,
      ChannelRepository channels,
      Projects projects,
      Customers customers,
      List<ChannelAdapter> adapters,
      SendPolicy policy,
      Outcomes outcomes,
      Clock clock,
      TransactionTemplate tx,
      DispatcherProperties properties,
      WebhookProperties webhook,
      ChannelProperties lanes,
      HeraldRoles roles,
      MessageListeners listeners,
      Handoff handoff,
      Wakeups wakeups) {
    this.handoff = handoff;
    wakeups.subscribe(NAME, name -> wakes.incrementAndGet());
    this.messages = messages;
    this.outcomeLog = outcomeLog;
    this.channels = channels;
    this.projects = projects;
    this.customers = customers;
    this.adapters =
        adapters.stream().collect(Collectors.toMap(ChannelAdapter::type, Function.identity()));
    this.policy = policy;
    this.outcomes = outcomes;
    this.clock = clock;
    this.properties = properties;
    this.roles = roles;
    Map<String, Integer> concurrency = new HashMap<>();
    for (String type : this.adapters.keySet()) {
      concurrency.put(
          type, type.equals("webhook") ? webhook.concurrency() : lanes.lane(type).concurrency());
    }
    this.lanes = new Lanes(concurrency);
    this.writer =
        new ResultWriter(
            node,
            outcomeLog,
            channels,
            listeners,
            tx,
            clock,
            this.lanes::capacity,
            this.lanes::roomFreed);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int threads() {
    return properties.threads();
  }

  @Override
  public Duration pollInterval() {
    return Duration.ofMillis(500);
  }

  @Override
  public int runOnce() {
    long mark = lanes.finished();
    // outcomes waiting to be recorded are claims too: they take up their lane's room
    Map<String, Integer> room = new HashMap<>();
    lanes
        .room()
        .forEach(
            (type, free) -> {
              int left = free - writer.unrecorded(type);
              if (left > 0) {
                room.put(type, left);
              }
            });
    List<MessageRepository.Claimed> claimed = new ArrayList<>();
    long t0 = System.nanoTime();
    if (!room.isEmpty()) {
      Instant now = clock.instant();
      Map<String, Integer> left = new HashMap<>(room);
      // the table goes first now and then, so due retries are not held up by a long send
      boolean tableFirst = !now.isBefore(tableClaimed.plus(TABLE_TURN));
      if (!tableFirst) {
        takeHanded(left, claimed, now);
      }
      Map<String, Integer> limits = new HashMap<>();
      long heard = wakes.get();
      left.forEach(
          (type, free) -> {
            if (!drained(type, heard)) {
              limits.put(type, Math.min(free, properties.batchSize()));
            }
          });
      if (!limits.isEmpty()) {
        List<MessageRepository.Claimed> fromTable =
            messages.claim(node, now, now.plus(properties.lease()), limits);
        tableClaimed = now;
        Map<String, Integer> got = new HashMap<>();
        fromTable.forEach(c -> got.merge(c.message().channelType(), 1, Integer::sum));
        limits.forEach(
            (type, asked) -> {
              if (got.getOrDefault(type, 0) < asked) {
                drained.put(type, new Drained(heard, System.nanoTime()));
              } else {
                drained.remove(type);
              }
            });
        got.forEach((type, n) -> left.computeIfPresent(type, (t, free) -> free - n));
        left.values().removeIf(n -> n <= 0);
        claimed.addAll(fromTable);
      }
      if (tableFirst) {
        takeHanded(left, claimed, now);
      }
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "claimed {} with room {} in {} ms",
          claimed.size(),
          room,
          (System.nanoTime() - t0) / 1_000_000);
    }
    if (claimed.isEmpty()) {
      if (room.size() == lanes.count()) {
        return 0; // every lane had room and nothing is due: wait for a wake-up or the poll
      }
      // a lane is full and more may be due: look again as soon as a batch of its sends is done
      try {
        lanes.awaitFinished(mark, lanes.refill(room, REFILL), Duration.ofMillis(100));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 1;
    }
    long t1 = System.nanoTime();
    dispatch(claimed);
    if (log.isDebugEnabled()) {
      log.debug("dispatched {} in {} ms", claimed.size(), (System.nanoTime() - t1) / 1_000_000);
    }
    return claimed.size();
  }

  /**
   * Whether a lane's table is not worth asking now: its last claim came back short, no wake-up was
   * heard since, and less than a poll interval ago (retries coming due and leases running out are
   * found at the poll, as before).
   */
  private boolean drained(String type, long heard) {
    Drained d = drained.get(type);
    return d != null
        && d.wakes() == heard
        && System.nanoTime() - d.nanos() < pollInterval().toNanos();
  }

  /**
   * Takes the messages this node queued and claimed in memory ({@link Handoff}), as many as each
   * lane has room left for. One whose lease is half gone goes back to waiting instead.
   */
  private void takeHanded(
      Map<String, Integer> left, List<MessageRepository.Claimed> claimed, Instant now) {
    for (var it = left.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Integer> lane = it.next();
      List<Handoff.Handed> taken =
          handoff.take(lane.getKey(), Math.min(lane.getValue(), properties.batchSize()));
      for (Handoff.Handed h : taken) {
        if (handoff.fresh(h, now)) {
          claimed.add(new MessageRepository.Claimed(h.message(), false));
        } else {
          writer.add(Outcome.release(h.message()));
        }
      }
      if (lane.getValue() <= taken.size()) {
        it.remove();
      } else {
        lane.setValue(lane.getValue() - taken.size());
      }
    }
  }

  private void dispatch(List<MessageRepository.Claimed> claimed) {
    interrupted(claimed, clock.instant());
    List<Prepared> batch =
        prepare(claimed.stream().map(MessageRepository.Claimed::message).toList());
    SendPolicy.Decisions decisions = policy.decide(batch);
    for (Prepared p : batch) {
      SendPolicy.Decision d = decisions.byMessage().get(p.message().id());
      boolean counted = decisions.counted().contains(p.message().id());
      if (d instanceof SendPolicy.Skip s) {
        writer.add(Outcome.skip(p.message(), s.reason()));
      } else if (d instanceof SendPolicy.Hold) {
        writer.add(Outcome.hold(p.message()));
      } else if (d instanceof SendPolicy.Defer f) {
        writer.add(Outcome.defer(p.message(), f.until()));
      } else if (lanes.tryTake(p.channel().type())) {
        lanes.run(p.channel().type(), () -> send(p, counted));
      } else {
        writer.add(Outcome.release(p.message()).counted(counted));
      }
    }
  }

  /** A claim taken over from a node that stopped mid-send: its lost attempt goes on record. */
  private void interrupted(List<MessageRepository.Claimed> claimed, Instant now) {
    List<Message> orphans = new ArrayList<>();
    List<Attempt> attempts = new ArrayList<>();
    for (MessageRepository.Claimed c : claimed) {
      if (c.orphaned()) {
        orphans.add(c.message());
        attempts.add(
            new Attempt(
                c.message().attempts() - 1,
                now,
                0,
                null,
                "INTERRUPTED",
                "the node sending it stopped before recording the outcome; sent again",
                null));
      }
    }
    outcomeLog.insertAttempts(orphans, attempts);
  }

  /** Loads the batch's channels, projects and (for channels that address them) recipients. */
  private List<Prepared> prepare(List<Message> claimed) {
    Map<String, Channel> byId = new HashMap<>();
    channels
        .byIds(claimed.stream().map(Message::channelId).distinct().toList())
        .forEach(c -> byId.put(c.id(), c));
    Map<ProjectId, Project> projectsById = new HashMap<>();
    Map<ProjectId, List<String>> recipients = new HashMap<>();
    for (Message m : claimed) {
      projectsById.computeIfAbsent(m.projectId(), projects::get);
      ChannelAdapter adapter = adapters.get(m.channelType());
      if (adapter != null && adapter.addressesCustomer()) {
        recipients.computeIfAbsent(m.projectId(), k -> new ArrayList<>()).add(m.customerId());
      }
    }
    Map<String, Customer> customersById = new HashMap<>();
    recipients.forEach(
        (project, ids) ->
            customers
                .getAll(project, ids.stream().distinct().toList())
                .forEach(c -> customersById.put(c.id(), c)));
    List<Prepared> out = new ArrayList<>(claimed.size());
    for (Message m : claimed) {
      out.add(
          new Prepared(
              m,
              byId.get(m.channelId()),
              adapters.get(m.channelType()),
              projectsById.get(m.projectId()),
              customersById.get(m.customerId())));
    }
    return out;
  }

  private void send(Prepared p, boolean counted) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    DeliveryResult result;
    try {
      result = p.adapter().deliver(p.delivery());
    } catch (TemplateException e) {
      result = new DeliveryResult.Permanent("template_error", e.getMessage(), null, null);
    } catch (RuntimeException e) {
      log.error("Channel {} failed on message {}", p.channel().type(), p.message().id(), e);
      result = new DeliveryResult.Retryable(e.toString(), null, null, null);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    writer.add(outcomes.attempted(p.message(), result, started, ms).counted(counted));
  }

  @Override
  public synchronized void start() {
    if (roles.worker() && !running) {
      writer.start();
      handoff.open(node, properties.lease());
      running = true;
    }
  }

  /**
   * After the claim loop stopped (the worker runtime stops first): lets queued and running sends
   * finish, records their outcomes, then stops. Whatever could not finish keeps its lease and is
   * sent by another node when it runs out.
   */
  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    // handed messages not yet taken go back to waiting, for whichever node runs next
    handoff.close().forEach(h -> writer.add(Outcome.release(h.message())));
    List<Runnable> unsent = lanes.shutdown(SHUTDOWN_GRACE);
    if (!unsent.isEmpty()) {
      log.warn(
          "{} sends did not finish within the shutdown grace; their leases will run out",
          unsent.size());
    }
    writer.stop(SHUTDOWN_GRACE);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Stops after the worker runtime (which stops the claim loop), before the pool closes.
    return Integer.MAX_VALUE - 4096;
  }
}
