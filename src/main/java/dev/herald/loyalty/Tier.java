package dev.herald.loyalty;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** A tier of a loyalty program: members whose points are in {@code [from, to]} belong to it. */
record Tier(
    String id,
    ProjectId projectId,
    String campaignId,
    String name,
    long from,
    Long to,
    ObjectNode earningRules,
    ObjectNode rewards,
    ObjectNode metadata,
    Instant createdAt,
    Instant updatedAt) {

  boolean contains(long points) {
    return points >= from && (to == null || points <= to);
  }
}
