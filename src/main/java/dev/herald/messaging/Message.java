package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message and where it stands. {@code failedAttempts > 0} on a delivered message means it was
 * recovered by a retry.
 */
public record Message(
    String id,
    ProjectId projectId,
    String ownerId,
    String channelId,
    String channelType,
    String customerId,
    String triggerId,
    MessageStatus status,
    String reason,
    int attempts,
    int failedAttempts,
    Instant nextAttemptAt,
    ObjectNode context,
    String voucherCode,
    String lastError,
    Instant createdAt,
    Instant updatedAt,
    Instant deliveredAt,
    String templateId,
    Integer templateVersion,
    boolean counted) {

  /** The template version this message renders, or null (a channel without a template). */
  public dev.herald.templates.TemplateRef templateRef() {
    return templateId == null || templateVersion == null
        ? null
        : new dev.herald.templates.TemplateRef(templateId, templateVersion);
  }

  public boolean recovered() {
    return status == MessageStatus.DELIVERED && failedAttempts > 0;
  }
}
