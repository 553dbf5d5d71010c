package dev.herald.segments;

import dev.herald.projects.ProjectId;
import java.util.Optional;

/**
 * Tells whether something still uses a segment (a live distribution, a validation rule): such a
 * segment cannot be deleted. Modules that reference segments implement it as a bean; the segments
 * module depends on none of them.
 */
public interface SegmentUsage {

  /** What uses the segment, in words ("distribution distr_…"), or empty. */
  Optional<String> usage(ProjectId project, String segmentId);
}
