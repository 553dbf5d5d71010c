package dev.herald.loyalty;

import dev.herald.campaigns.Vouchers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * After a program's tiers change, moves every existing member to the tier their points now qualify
 * for, {@link #BATCH} cards per transaction with a stored cursor (a crash resumes where it stopped;
 * a card already in its tier produces no event).
 */
@Component
class TierRecalculation implements TaskHandler {

  static final String QUEUE = "loyalty.tiers";
  static final int BATCH = 200;

  private final CardRepository cards;
  private final ObjectProvider<Vouchers> vouchers;
  private final ObjectProvider<CardContexts> contexts;
  private final ObjectProvider<Ledger> ledger;
  private final TaskQueue tasks;
  private final Clock clock;

  TierRecalculation(
      CardRepository cards,
      ObjectProvider<Vouchers> vouchers,
      ObjectProvider<CardContexts> contexts,
      ObjectProvider<Ledger> ledger,
      TaskQueue tasks,
      Clock clock) {
    this.cards = cards;
    this.vouchers = vouchers;
    this.contexts = contexts;
    this.ledger = ledger;
    this.tasks = tasks;
    this.clock = clock;
  }

  /** Queues a recalculation of the program's members (in the caller's transaction). */
  void start(ProjectId project, String campaignId, String reason) {
    tasks.enqueueNow(
        QUEUE,
        project.value(),
        campaignId + ":" + reason,
        Json.object().put("campaign_id", campaignId).put("after", ""));
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
    ProjectId project = new ProjectId(task.projectId());
    String campaignId = task.payload().path("campaign_id").asString();
    List<String> ids =
        cards.idsOfCampaign(campaignId, task.payload().path("after").asString(""), BATCH);
    for (String id : ids) {
      vouchers
          .getObject()
          .byCode(project, id)
          .flatMap(v -> contexts.getObject().of(project, v))
          .ifPresent(ctx -> ledger.getObject().retier(ctx));
    }
    if (ids.size() < BATCH) {
      return TaskResult.done();
    }
    return TaskResult.again(
        clock.instant(),
        Json.object().put("campaign_id", campaignId).put("after", ids.get(ids.size() - 1)));
  }
}
