package dev.herald.campaigns;

import dev.herald.eventlog.EventLog;
import dev.herald.shared.json.Json;
import dev.herald.shared.work.TaskQueue;
import org.springframework.stereotype.Component;

/** Starts background code generation ({@link VoucherGeneration} does the work). */
@Component
class GenerationQueue {

  private final TaskQueue tasks;
  private final CampaignRepository campaigns;
  private final EventLog eventLog;

  GenerationQueue(TaskQueue tasks, CampaignRepository campaigns, EventLog eventLog) {
    this.tasks = tasks;
    this.campaigns = campaigns;
    this.eventLog = eventLog;
  }

  /** Queues generation up to {@code target} codes in total (in the caller's transaction). */
  void start(Campaign c, int target) {
    tasks.enqueueNow(
        VoucherGeneration.QUEUE,
        c.projectId().value(),
        c.id() + ":" + target,
        Json.object().put("campaign_id", c.id()).put("target", target));
    campaigns.setGenerationStatus(c.id(), "IN_PROGRESS");
    VoucherGeneration.event(eventLog, c, "campaign.vouchers.generation.started");
  }
}
