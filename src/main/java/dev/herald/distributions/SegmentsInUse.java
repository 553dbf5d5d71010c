package dev.herald.distributions;

import dev.herald.projects.ProjectId;
import dev.herald.segments.SegmentUsage;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A segment that a draft, live, paused or scheduled distribution uses cannot be deleted. */
@Component
class SegmentsInUse implements SegmentUsage {

  private final DistributionRepository repository;

  SegmentsInUse(DistributionRepository repository) {
    this.repository = repository;
  }

  @Override
  public Optional<String> usage(ProjectId project, String segmentId) {
    return repository.usingSegment(project, segmentId).map(id -> "distribution " + id);
  }
}
