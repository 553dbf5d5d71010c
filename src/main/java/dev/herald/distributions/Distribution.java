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
    Instant updatedAt,
    Run run) {

  /**
   * A manual send's progress: when it goes out, how far the audience expansion got (a keyset
   * cursor), how many recipients of how many are done.
   */
  public record Run(
      Instant sendAt,
      String cursor,
      Long total,
      long done,
      Instant startedAt,
      Instant finishedAt,
      String failureReason) {

    static final Run NONE = new Run(null, null, null, 0, null, null, null);

    Run sendAt(Instant at) {
      return new Run(at, cursor, total, done, startedAt, finishedAt, failureReason);
    }

    Run started(Instant at, Long audienceTotal) {
      return new Run(sendAt, cursor, audienceTotal, done, at, finishedAt, failureReason);
    }

    Run progressed(String newCursor, long more) {
      return new Run(sendAt, newCursor, total, done + more, startedAt, finishedAt, failureReason);
    }

    Run finished(Instant at, String reason) {
      return new Run(sendAt, cursor, total, done, startedAt, at, reason);
    }
  }

  public String triggerType() {
    return trigger.path("type").asString(null);
  }

  public boolean manual() {
    return "manual".equals(triggerType());
  }

  /** "Save & Send" of an automatic distribution. */
  Distribution goLive(Instant now) {
    if (manual() || status != DistributionStatus.DRAFT) {
      throw notAllowed("send");
    }
    return withStatus(DistributionStatus.LIVE, now, now);
  }

  /** "Save & Send" of a manual distribution: it waits for its send time (or its segment). */
  Distribution schedule(Instant now, boolean waitForSegment) {
    if (!manual() || status != DistributionStatus.DRAFT) {
      throw notAllowed("send");
    }
    return withStatus(
        waitForSegment ? DistributionStatus.WAITING_FOR_SEGMENT_SYNC : DistributionStatus.SCHEDULED,
        null,
        now);
  }

  Distribution pause(Instant now) {
    if (status != DistributionStatus.LIVE && status != DistributionStatus.SENDING) {
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
    return withStatus(manual() ? DistributionStatus.SENDING : DistributionStatus.LIVE, now, now);
  }

  Distribution delete(Instant now) {
    return withStatus(DistributionStatus.DELETED, liveSince, now);
  }

  boolean editable() {
    return status == DistributionStatus.DRAFT
        || (status == DistributionStatus.PAUSED && !manual())
        || status.beforeSending();
  }

  Distribution withStatus(DistributionStatus next, Instant liveSince, Instant now) {
    return new Distribution(
        id, projectId, name, next, trigger, audience, action, timeFrame, liveSince, createdAt, now,
        run);
  }

  Distribution withRun(Run next, Instant now) {
    return new Distribution(
        id, projectId, name, status, trigger, audience, action, timeFrame, liveSince, createdAt,
        now, next);
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
