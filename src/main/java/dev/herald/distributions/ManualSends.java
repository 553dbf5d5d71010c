package dev.herald.distributions;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends manual distributions. "Save & Send" schedules the send {@code HERALD_MANUAL_DELAY} later
 * (after the segment's sync, when it is still syncing). At send time one compare-and-set on the
 * distribution row flips it to SENDING — so a cancel either wins (nothing is sent) or loses (it is
 * too late), never both. The audience then expands in keyset batches, each batch one transaction
 * that stores its cursor, so a crash resumes where it stopped and never sends twice.
 */
@Component
class ManualSends implements TaskHandler {

  static final String QUEUE = "distributions.manual-send";
  static final int BATCH = 1000;

  private final DistributionRepository repository;
  private final Customers customers;
  private final Messaging messaging;
  private final Fanout fanout;
  private final DistributionEvents events;
  private final TaskQueue tasks;
  private final Clock clock;
  private final Duration delay;

  ManualSends(
      DistributionRepository repository,
      Customers customers,
      Messaging messaging,
      Fanout fanout,
      DistributionEvents events,
      TaskQueue tasks,
      Clock clock,
      @Value("${herald.manual-delay:PT10M}") Duration delay) {
    this.repository = repository;
    this.customers = customers;
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

  /**
   * Schedules a send: at now + delay. Call in the transaction that made the distribution SCHEDULED.
   */
  Distribution schedule(Distribution d) {
    Instant now = clock.instant();
    Distribution scheduled = d.schedule(now, false).withRun(d.run().sendAt(now.plus(delay)), now);
    tasks.enqueue(QUEUE, d.projectId().value(), d.id(), null, scheduled.run().sendAt());
    return scheduled;
  }

  /** Queues the sender again after a pause, to go on from the stored cursor. */
  void resumeSending(Distribution d) {
    tasks.enqueueNow(QUEUE, d.projectId().value(), d.id(), null);
  }

  @Override
  public TaskResult handle(Task task) {
    ProjectId project = new ProjectId(task.projectId());
    Optional<Distribution> found = repository.find(project, task.key(), true);
    if (found.isEmpty()) {
      return TaskResult.done(); // deleted
    }
    Distribution d = found.get();
    Instant now = clock.instant();
    switch (d.status()) {
      case SCHEDULED -> {
        if (now.isBefore(d.run().sendAt())) {
          return TaskResult.again(d.run().sendAt());
        }
        d = start(d, now);
        return sendBatch(d, now);
      }
      case SENDING -> {
        return sendBatch(d, now);
      }
      default -> {
        // CANCELED, PAUSED (resume queues us again), SENT, FAILED: nothing to do
        return TaskResult.done();
      }
    }
  }

  private Distribution start(Distribution d, Instant now) {
    Distribution sending =
        d.withStatus(DistributionStatus.SENDING, now, now).withRun(d.run().started(now, null), now);
    repository.update(sending);
    events.statusChanged(sending);
    return sending;
  }

  private TaskResult sendBatch(Distribution d, Instant now) {
    List<Channel> channels = messaging.channels(d.projectId(), d.id());
    String customerRef = d.audience() == null ? null : d.audience().path("customer").asString(null);
    if (customerRef == null) {
      return finish(d, now, DistributionStatus.FAILED, "no_audience");
    }
    Optional<Customer> customer = customers.find(d.projectId(), customerRef);
    if (customer.isEmpty()) {
      return finish(d, now, DistributionStatus.FAILED, "customer_not_found");
    }
    Fanout.Fired fired = fanout.fire(d, channels, customer.get().id(), trigger(d, customer.get()));
    events.queued(d, d.id(), customer.get().id(), fired.queued(), fired.skipped());
    Distribution progressed =
        d.withRun(d.run().started(d.run().startedAt(), 1L).progressed(customer.get().id(), 1), now);
    return finish(progressed, now, DistributionStatus.SENT, null);
  }

  private TaskResult finish(Distribution d, Instant now, DistributionStatus status, String reason) {
    Distribution finished =
        d.withStatus(status, d.liveSince(), now).withRun(d.run().finished(now, reason), now);
    repository.update(finished);
    events.statusChanged(finished);
    return TaskResult.done();
  }

  /** Voucherify's manual trigger: {@code manual_distribution_schedule} with the customer. */
  private Fanout.Trigger trigger(Distribution d, Customer customer) {
    ObjectNode event = Json.object();
    event.put("id", d.id());
    event.put("type", "manual_distribution_schedule");
    event.put("created_at", Times.format(d.run().startedAt()));
    event.put("entity_id", customer.id());
    event.putNull("group_id");
    event.set("event_source", Json.object().put("channel", "USER_PORTAL"));
    ObjectNode data = Json.object();
    data.set("customer", customers.toJson(customer));
    return new Fanout.Trigger(d.id(), event, data);
  }
}
