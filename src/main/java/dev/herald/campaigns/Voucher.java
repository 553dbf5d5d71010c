package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A code as stored: its value (discount or gift), validity, holder and redemption counters. */
public record Voucher(
    String id,
    ProjectId projectId,
    String campaignId,
    String code,
    String type,
    String category,
    JsonNode discount,
    Long giftAmount,
    Long giftBalance,
    String giftEffect,
    Validity validity,
    boolean active,
    String additionalInfo,
    ObjectNode metadata,
    boolean referralCode,
    String holderId,
    Instant publishedAt,
    int publishCount,
    Integer redemptionQuantity,
    int redeemedQuantity,
    String assetKey,
    Instant createdAt,
    Instant updatedAt) {

  public boolean gift() {
    return "GIFT_VOUCHER".equals(type);
  }
}
