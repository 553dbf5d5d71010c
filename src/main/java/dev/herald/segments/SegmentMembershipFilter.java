package dev.herald.segments;

import dev.herald.customers.CustomerListFilter;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Answers {@code GET /v1/customers?segment_id=seg_…} for the customers module. */
@Component
class SegmentMembershipFilter implements CustomerListFilter {

  private final SegmentRepository segments;

  SegmentMembershipFilter(SegmentRepository segments) {
    this.segments = segments;
  }

  @Override
  public String parameter() {
    return "segment_id";
  }

  @Override
  public Condition condition(ProjectId project, String value, String idColumn) {
    Segment segment =
        segments.find(project, value).orElseThrow(() -> ApiException.notFound("segment", value));
    return new Condition(
        "exists (select 1 from segment_member sm where sm.segment_id = :segment_id_value"
            + " and sm.customer_id = "
            + idColumn
            + ")",
        Map.of("segment_id_value", segment.id()));
  }
}
