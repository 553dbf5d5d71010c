package dev.herald.segments;

import dev.herald.projects.ProjectId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** A test {@link SegmentUsage}: segments whose ids a test puts here are "used". */
@Component
class InUse implements SegmentUsage {

  static final Set<String> ids = ConcurrentHashMap.newKeySet();

  @Override
  public Optional<String> usage(ProjectId project, String segmentId) {
    return ids.contains(segmentId) ? Optional.of("a test distribution") : Optional.empty();
  }
}
