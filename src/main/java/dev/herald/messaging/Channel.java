package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import tools.jackson.databind.node.ObjectNode;

/**
 * One channel of a distribution ({@code dch_...}): its type, its settings (URL, headers and payload
 * design for a webhook, ...) and whether it is ACTIVE or PAUSED.
 */
public record Channel(
    String id,
    ProjectId projectId,
    String ownerId,
    int position,
    String type,
    ObjectNode config,
    String status) {

  public boolean paused() {
    return "PAUSED".equals(status);
  }
}
