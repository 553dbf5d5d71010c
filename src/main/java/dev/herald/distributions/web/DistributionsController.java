package dev.herald.distributions.web;

import dev.herald.distributions.Distributions;
import dev.herald.messaging.MessageQuery;
import dev.herald.messaging.MessageStatus;
import dev.herald.projects.ProjectId;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Herald's {@code /v1/distributions} (API.md "Distributions"). */
@RestController
@RequestMapping("/v1/distributions")
class DistributionsController {

  private static final List<String> STATUSES =
      List.of(
          "DRAFT",
          "LIVE",
          "PAUSED",
          "FINISHED",
          "SCHEDULED",
          "WAITING_FOR_SEGMENT_SYNC",
          "SENDING",
          "SENT",
          "CANCELED",
          "FAILED");

  private final Distributions distributions;

  DistributionsController(Distributions distributions) {
    this.distributions = distributions;
  }

  @PostMapping
  ObjectNode create(ProjectId project, @RequestBody JsonNode body) {
    return distributions.create(project, Body.of(body, "invalid_distribution"));
  }

  @GetMapping("/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return distributions.get(project, id);
  }

  @PutMapping("/{id}")
  ObjectNode update(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    return distributions.update(project, id, Body.of(body, "invalid_distribution"));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(ProjectId project, @PathVariable String id) {
    distributions.delete(project, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/send")
  ObjectNode send(ProjectId project, @PathVariable String id) {
    return distributions.send(project, id);
  }

  @PostMapping("/{id}/pause")
  ObjectNode pause(ProjectId project, @PathVariable String id) {
    return distributions.pause(project, id);
  }

  @PostMapping("/{id}/cancel")
  ObjectNode cancel(ProjectId project, @PathVariable String id) {
    return distributions.cancel(project, id);
  }

  @GetMapping("/{id}/summary")
  ObjectNode summary(ProjectId project, @PathVariable String id) {
    return distributions.summary(project, id);
  }

  @GetMapping("/catalog")
  ObjectNode catalog() {
    return distributions.catalog();
  }

  @PostMapping("/{id}/resume")
  ObjectNode resume(ProjectId project, @PathVariable String id) {
    return distributions.resume(project, id);
  }

  @GetMapping
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    Page page = Page.from(q);
    String status = q.string("status").map(s -> s.toUpperCase()).orElse(null);
    if (status != null && !STATUSES.contains(status)) {
      throw QueryParams.invalid("status", "must be one of " + String.join(", ", STATUSES));
    }
    List<ObjectNode> items =
        distributions.list(
            project,
            status,
            q.string("trigger_type").orElse(null),
            q.string("name").orElse(null),
            q.instant("created_at", "before").orElse(null),
            q.instant("created_at", "after").orElse(null),
            page.fetchSize(),
            page.offset());
    return ListResponse.page("distributions", items, page, null);
  }

  @GetMapping("/{id}/messages/{messageId}")
  ObjectNode message(ProjectId project, @PathVariable String id, @PathVariable String messageId) {
    return distributions.message(project, id, messageId);
  }

  @GetMapping("/{id}/messages")
  Map<String, Object> messages(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    Page page = Page.from(q);
    MessageQuery query =
        new MessageQuery(
            q.enumValue("status", MessageStatus.class).orElse(null),
            q.string("channel").orElse(null),
            q.string("customer_id").orElse(null));
    List<ObjectNode> items =
        distributions.messages(project, id, query, page.fetchSize(), page.offset());
    return ListResponse.page("messages", items, page, null);
  }
}
