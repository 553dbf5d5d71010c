package dev.herald.campaigns;

import dev.herald.shared.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * One publication to make. Either {@code campaign} (id or name, with {@code count} 1–50) or a given
 * {@code voucherCode}. {@code joinOnce} null means the campaign's setting. {@code idempotencyKey}
 * makes a retry return the first result (what a distribution passes).
 */
public record PublishRequest(
    String campaign,
    String voucherCode,
    String customerId,
    int count,
    Boolean joinOnce,
    String sourceId,
    String idempotencyKey,
    String channel,
    ObjectNode metadata) {

  /**
   * What a distribution publishes: one code of {@code campaignId} for {@code customerId},
   * idempotent on {@code distribution_id + trigger_event_id + customer_id}, with metadata {@code
   * {source_type:"distribution", source_id, distribution_id}}.
   */
  public static PublishRequest forDistribution(
      String campaignId,
      String customerId,
      String distributionId,
      String triggerEventId,
      String channel) {
    ObjectNode metadata =
        Json.object()
            .put("source_type", "distribution")
            .put("source_id", distributionId)
            .put("distribution_id", distributionId);
    return new PublishRequest(
        campaignId,
        null,
        customerId,
        1,
        null,
        null,
        distributionId + ":" + triggerEventId + ":" + customerId,
        channel == null ? "Dashboard" : channel,
        metadata);
  }
}
