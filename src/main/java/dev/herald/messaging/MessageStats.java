package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Counts over a distribution's messages for charts and campaign views: outcomes (delivered, failed,
 * recovered by a retry) per channel and time bucket, and per-distribution totals. Read through the
 * {@code message_owner} index, so the cost follows one distribution's messages, never the
 * project's.
 */
@Service
public class MessageStats {

  /** A chart point: one channel's outcomes within one bucket starting at {@code bucket}. */
  public record Point(String channel, Instant bucket, long sent, long failed, long recovered) {}

  /** A distribution's totals: messages delivered and failed, distinct codes sent. */
  public record Totals(String ownerId, long delivered, long failed, long recovered, long codes) {}

  /** Bucket widths the chart offers. */
  public enum Bucket {
    HOUR,
    DAY
  }

  private final StatsRepository repository;

  MessageStats(StatsRepository repository) {
    this.repository = repository;
  }

  /**
   * Outcomes of {@code ownerId}'s messages reached in {@code [from, to)}, bucketed by hour or by
   * day in {@code zone}.
   */
  public List<Point> outcomes(
      ProjectId project, String ownerId, Instant from, Instant to, Bucket bucket, ZoneId zone) {
    return repository.outcomes(project, ownerId, from, to, bucket, zone);
  }

  /** Totals for each of the given owners (distributions); owners without messages are absent. */
  public List<Totals> totals(ProjectId project, List<String> ownerIds) {
    return ownerIds.isEmpty() ? List.of() : repository.totals(project, ownerIds);
  }

  /** How many messages a distribution has, counting no further than {@code limit}. */
  public long countUpTo(ProjectId project, String ownerId, int limit) {
    return repository.countUpTo(project, ownerId, limit);
  }

  /** The distinct codes sent by a distribution's messages, at most {@code limit}. */
  public List<String> codes(ProjectId project, String ownerId, int limit) {
    return repository.codes(project, ownerId, limit);
  }
}
