package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A campaign as stored. {@code voucher} is the template its codes are made from. */
public record Campaign(
    String id,
    ProjectId projectId,
    String name,
    String description,
    String campaignType,
    String type,
    boolean joinOnce,
    boolean autoJoin,
    ObjectNode voucher,
    JsonNode referralProgram,
    Validity validity,
    String activityDurationAfterPublishing,
    String category,
    ObjectNode metadata,
    boolean active,
    int vouchersTarget,
    String generationStatus,
    Instant createdAt,
    Instant updatedAt) {

  public boolean autoUpdate() {
    return "AUTO_UPDATE".equals(type);
  }

  CodeConfig codeConfig() {
    return CodeConfig.fromJson(voucher == null ? null : voucher.get("code_config"));
  }
}
