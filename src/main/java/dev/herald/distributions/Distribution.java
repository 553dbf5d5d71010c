package dev.herald.distributions;

import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A distribution and its guarded state changes. Each transition returns the changed distribution or
 * refuses with a 409 naming the current status.
 */
public record Distribution(
    String id,
    ProjectId projectId,
    String name,
    DistributionStatus status,
    ObjectNode trigger,
    ObjectNode audience,
    ObjectNode action,
    ObjectNode timeFrame,
    Instant liveSince,
    Instant createdAt,
    Instant updatedAt) {

  public String triggerType() {
    return trigger.path("type").asString(null);
  }

  Distribution goLive(Instant now) {
    if (status != DistributionStatus.DRAFT && status != DistributionStatus.PAUSED) {
      throw notAllowed("send");
    }
    return withStatus(DistributionStatus.LIVE, now, now);
  }

  Distribution pause(Instant now) {
    if (status != DistributionStatus.LIVE) {
      throw notAllowed("pause");
    }
    return withStatus(DistributionStatus.PAUSED, liveSince, now);
  }

  Distribution resume(Instant now) {
    if (status == DistributionStatus.LIVE) {
      return this;
    }
    if (status != DistributionStatus.PAUSED) {
      throw notAllowed("resume");
    }
    return withStatus(DistributionStatus.LIVE, now, now);
  }

  Distribution delete(Instant now) {
    return withStatus(DistributionStatus.DELETED, liveSince, now);
  }

  boolean editable() {
    return status == DistributionStatus.DRAFT || status == DistributionStatus.PAUSED;
  }

  private Distribution withStatus(DistributionStatus next, Instant liveSince, Instant now) {
    return new Distribution(
        id, projectId, name, next, trigger, audience, action, timeFrame, liveSince, createdAt, now);
  }

  private ApiException notAllowed(String action) {
    return ApiException.conflict(
        "invalid_status", "Cannot " + action + " a distribution in status " + status);
  }

  /** Whether an event created at {@code at} falls inside the optional time frame. */
  boolean inTimeFrame(Instant at) {
    if (timeFrame == null) {
      return true;
    }
    Instant start = parse(timeFrame.path("start_at").asString(null));
    Instant end = parse(timeFrame.path("end_at").asString(null));
    return (start == null || !at.isBefore(start)) && (end == null || at.isBefore(end));
  }

  private static Instant parse(String value) {
    return value == null ? null : Instant.parse(value);
  }
}
