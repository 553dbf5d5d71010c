package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A business fact. {@code data} is in Voucherify's webhook {@code data} shape for the type. {@code
 * causedBy} lists the distributions whose effects led to it and {@code depth} how many reactions
 * deep it is (the loop guard). {@code cursor} positions it in the gap-free stream order (see {@link
 * EventLog#stream}); it is null until the event is read back.
 */
public record Event(
    long seq,
    String id,
    ProjectId projectId,
    String type,
    String customerId,
    ObjectNode data,
    String groupId,
    String channel,
    List<String> causedBy,
    int depth,
    Instant createdAt,
    String distributionId,
    String cursor) {

  /** The distribution this fact belongs to: its own status changes, or an effect it caused. */
  public String distributionId() {
    return distributionId;
  }
}
