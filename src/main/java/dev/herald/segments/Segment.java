package dev.herald.segments;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A segment as stored. {@code filter} is null for static segments; {@code timeDependent} filters
 * use relative dates and are swept daily; {@code activatedAt} is set once a distribution uses the
 * segment (it is then active and locked).
 */
public record Segment(
    String id,
    ProjectId projectId,
    String name,
    SegmentType type,
    ObjectNode filter,
    boolean timeDependent,
    SyncStatus initialSyncStatus,
    Instant activatedAt,
    Instant createdAt,
    Instant updatedAt) {

  /** Whether membership changes of this segment are reported as entered/left events. */
  public boolean emitsEvents() {
    return type == SegmentType.AUTO_UPDATE;
  }

  public boolean synced() {
    return initialSyncStatus == SyncStatus.DONE;
  }
}
