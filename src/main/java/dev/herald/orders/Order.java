package dev.herald.orders;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** An order as stored; amounts in cents. {@code redemptions} maps redemption ids to entries. */
public record Order(
    String id,
    ProjectId projectId,
    String sourceId,
    String status,
    Long amount,
    Long initialAmount,
    Long discountAmount,
    ArrayNode items,
    ObjectNode metadata,
    String customerId,
    String referrerId,
    ObjectNode redemptions,
    Instant createdAt,
    Instant updatedAt) {

  public long totalAmount() {
    long base = amount == null ? 0 : amount;
    return base - (discountAmount == null ? 0 : discountAmount);
  }
}
