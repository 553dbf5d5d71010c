package dev.herald.loyalty;

import dev.herald.campaigns.Validity;
import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a program's members earn points: on {@code event} ({@code order.paid}, {@code
 * customer.segment.entered} of {@code segmentId}, a tier event of {@code loyaltyTierId}, or a
 * custom event's name), {@code loyalty} points (FIXED or PROPORTIONAL), if the validation rule
 * passes and the rule is active and in its time limits.
 */
record EarningRule(
    String id,
    ProjectId projectId,
    String campaignId,
    String event,
    String segmentId,
    String loyaltyTierId,
    JsonNode customEvent,
    ObjectNode loyalty,
    ObjectNode source,
    String validationRuleId,
    boolean active,
    Validity validity,
    ObjectNode metadata,
    String automationId,
    Instant createdAt,
    Instant updatedAt) {

  static final String ORDER_PAID = "order.paid";
  static final String SEGMENT_ENTERED = "customer.segment.entered";

  EarningRule withChanges(
      ObjectNode newLoyalty,
      ObjectNode newSource,
      String newRuleId,
      boolean newActive,
      Validity newValidity,
      ObjectNode newMetadata,
      Instant at) {
    return new EarningRule(
        id,
        projectId,
        campaignId,
        event,
        segmentId,
        loyaltyTierId,
        customEvent,
        newLoyalty,
        newSource,
        newRuleId,
        newActive,
        newValidity,
        newMetadata,
        automationId,
        createdAt,
        at);
  }
}
