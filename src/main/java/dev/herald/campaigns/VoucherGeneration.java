package dev.herald.campaigns;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Generates a campaign's codes in the background, one batch per transaction, so a large {@code
 * vouchers_count} neither blocks the request nor holds one huge transaction; a crash resumes from
 * the codes already made. Ends by setting {@code vouchers_generation_status} to DONE.
 */
@Component
class VoucherGeneration implements TaskHandler {

  static final String QUEUE = "campaigns.generate";

  private final CampaignRepository campaigns;
  private final VoucherRepository vouchers;
  private final CodeGenerator generator;
  // lazily: the event log depends on the task queue, which collects this handler
  private final org.springframework.beans.factory.ObjectProvider<EventLog> eventLog;
  private final Clock clock;

  VoucherGeneration(
      CampaignRepository campaigns,
      VoucherRepository vouchers,
      CodeGenerator generator,
      org.springframework.beans.factory.ObjectProvider<EventLog> eventLog,
      Clock clock) {
    this.campaigns = campaigns;
    this.vouchers = vouchers;
    this.generator = generator;
    this.eventLog = eventLog;
    this.clock = clock;
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
  public Duration pollInterval() {
    return Duration.ofMillis(500);
  }

  @Override
  public TaskResult handle(Task task) {
    String id = task.payload().path("campaign_id").asString();
    int target = task.payload().path("target").asInt();
    Campaign c = campaigns.byId(id).orElse(null);
    if (c == null) {
      return TaskResult.done();
    }
    long existing = vouchers.countInCampaign(id);
    int missing = (int) Math.max(0, target - existing);
    if (missing > 0) {
      generator.generate(c, Math.min(CodeGenerator.BATCH, missing), clock.instant());
    }
    if (missing > CodeGenerator.BATCH) {
      return TaskResult.again(clock.instant(), null);
    }
    vouchers.analyzePool();
    campaigns.setGenerationStatus(id, "DONE");
    event(eventLog.getObject(), c, "campaign.vouchers.generation.completed");
    return TaskResult.done();
  }

  static void event(EventLog eventLog, Campaign c, String type) {
    eventLog.append(
        NewEvent.of(
            new ProjectId(c.projectId().value()),
            type,
            null,
            Json.object().set("campaign", Json.object().put("id", c.id()).put("name", c.name()))));
  }
}
