package dev.herald.segments.web;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.segments.Segment;
import dev.herald.segments.SegmentDraft;
import dev.herald.segments.SegmentQuery;
import dev.herald.segments.Segments;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Voucherify's {@code /v1/segments} and {@code /v1/customers/{id}/segments} (reference §2.2). */
@RestController
class SegmentsController {

  private final Segments segments;
  private final Customers customers;

  SegmentsController(Segments segments, Customers customers) {
    this.segments = segments;
    this.customers = customers;
  }

  @PostMapping("/v1/segments")
  ObjectNode create(ProjectId project, @RequestBody JsonNode body) {
    SegmentDraft draft = SegmentDraft.from(Body.of(body, "invalid_segment"));
    return segments.toJson(segments.create(project, draft));
  }

  @GetMapping("/v1/segments/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return segments.toJson(segments.get(project, id));
  }

  @DeleteMapping("/v1/segments/{id}")
  ResponseEntity<Void> delete(ProjectId project, @PathVariable String id) {
    segments.delete(project, id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/v1/segments")
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    Page page = Page.from(q);
    SegmentQuery query = SegmentQuery.from(q);
    List<ObjectNode> items =
        segments.list(project, query, page.fetchSize(), page.offset()).stream()
            .map(segments::toJson)
            .toList();
    return ListResponse.page("data", items, page, segments.count(project, query));
  }

  @GetMapping("/v1/customers/{id}/segments")
  Map<String, Object> ofCustomer(ProjectId project, @PathVariable String id) {
    Customer customer = customers.get(project, id);
    List<Segment> in = segments.segmentsOf(project, customer.id());
    List<ObjectNode> items = in.stream().map(segments::toBriefJson).toList();
    Map<String, Object> out = ListResponse.of("data", items, (long) items.size(), false);
    out.remove("has_more");
    return out;
  }
}
