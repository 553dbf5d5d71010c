package dev.herald.segments;

import dev.herald.projects.ProjectId;
import dev.herald.rules.CustomerSegments;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Gives validation rules ({@code customer.segment}) the segments a customer is in now. */
@Component
class RuleSegments implements CustomerSegments {

  private final Segments segments;

  RuleSegments(Segments segments) {
    this.segments = segments;
  }

  @Override
  public Set<String> segmentIdsOf(ProjectId project, String customerId) {
    return Set.copyOf(segments.segmentIdsOf(project, customerId));
  }
}
