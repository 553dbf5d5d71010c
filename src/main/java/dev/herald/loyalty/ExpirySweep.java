package dev.herald.loyalty;

import dev.herald.campaigns.Vouchers;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The background job that expires due points and ends tier periods: every minute (or at once again
 * while a full batch was found), {@link #BATCH} cards with points due and {@link #BATCH} with a
 * tier period over, each under its card's lock. Runs on the task queue, so one node runs it at a
 * time and a crash redoes only the uncommitted batch; a card already expired is skipped.
 */
@Component
class ExpirySweep implements TaskHandler, ApplicationRunner {

  static final String QUEUE = "loyalty.expiry";
  static final int BATCH = 200;
  private static final Duration EVERY = Duration.ofMinutes(1);

  private final CardRepository cards;
  private final BucketRepository expiring;
  private final ObjectProvider<Vouchers> vouchers;
  private final ObjectProvider<CardContexts> contexts;
  private final ObjectProvider<Expirations> expirations;
  private final TaskQueue tasks;
  private final Clock clock;

  ExpirySweep(
      CardRepository cards,
      BucketRepository expiring,
      ObjectProvider<Vouchers> vouchers,
      ObjectProvider<CardContexts> contexts,
      ObjectProvider<Expirations> expirations,
      TaskQueue tasks,
      Clock clock) {
    this.cards = cards;
    this.expiring = expiring;
    this.vouchers = vouchers;
    this.contexts = contexts;
    this.expirations = expirations;
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
  public int batchSize() {
    return 1;
  }

  @Override
  public TaskResult handle(Task task) {
    Instant now = clock.instant();
    List<String> points = expiring.expiryDue(now, BATCH);
    for (String id : points) {
      Optional<CardContext> ctx = context(id);
      if (ctx.isPresent()) {
        expirations.getObject().expireDue(ctx.get(), now);
      } else {
        expirations.getObject().expireOrphan(id, now);
      }
    }
    List<String> tiers = cards.tierDue(now, BATCH);
    for (String id : tiers) {
      Optional<CardContext> ctx = context(id);
      if (ctx.isPresent()) {
        expirations.getObject().expireTier(ctx.get(), now);
      } else {
        expirations.getObject().expireOrphan(id, now);
      }
    }
    boolean more = points.size() == BATCH || tiers.size() == BATCH;
    return TaskResult.again(more ? now : now.plus(EVERY));
  }

  private Optional<CardContext> context(String voucherId) {
    return cards
        .find(voucherId)
        .flatMap(
            card ->
                vouchers
                    .getObject()
                    .byCode(card.projectId(), voucherId)
                    .flatMap(v -> contexts.getObject().of(card.projectId(), v)));
  }
}
