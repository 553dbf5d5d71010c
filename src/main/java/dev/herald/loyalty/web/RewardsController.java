package dev.herald.loyalty.web;

import dev.herald.loyalty.RewardAssignments;
import dev.herald.loyalty.Rewards;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Voucherify's {@code /v1/rewards} and reward assignments (reference §2.12). */
@RestController
class RewardsController {

  private static final String PAYLOAD = "invalid_payload";

  private final Rewards rewards;
  private final RewardAssignments assignments;

  RewardsController(Rewards rewards, RewardAssignments assignments) {
    this.rewards = rewards;
    this.assignments = assignments;
  }

  private static Body withoutId(JsonNode body) {
    ObjectNode copy =
        body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
    copy.remove("id");
    return Body.of(copy, PAYLOAD);
  }

  @PostMapping("/v1/rewards")
  ObjectNode create(ProjectId project, @RequestBody JsonNode body) {
    return rewards.create(project, Body.of(body, PAYLOAD));
  }

  @GetMapping("/v1/rewards")
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    return rewards.list(project, Page.from(QueryParams.of(request)));
  }

  @GetMapping("/v1/rewards/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return rewards.get(project, id);
  }

  @PutMapping("/v1/rewards/{id}")
  ObjectNode update(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    return rewards.update(project, id, withoutId(body));
  }

  @DeleteMapping("/v1/rewards/{id}")
  ResponseEntity<Void> delete(ProjectId project, @PathVariable String id) {
    rewards.delete(project, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v1/rewards/{id}/assignments")
  ObjectNode assign(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    return assignments.assign(project, id, Body.of(body, PAYLOAD));
  }

  @GetMapping("/v1/rewards/{id}/assignments")
  Map<String, Object> assignments(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    return assignments.assignments(project, id, null, Page.from(QueryParams.of(request)));
  }

  @GetMapping("/v1/rewards/{id}/assignments/{assignmentId}")
  ObjectNode assignment(
      ProjectId project, @PathVariable String id, @PathVariable String assignmentId) {
    return assignments.getAssignment(project, id, null, assignmentId);
  }

  @PutMapping("/v1/rewards/{id}/assignments/{assignmentId}")
  ObjectNode updateAssignment(
      ProjectId project,
      @PathVariable String id,
      @PathVariable String assignmentId,
      @RequestBody JsonNode body) {
    return assignments.updateAssignment(project, id, null, assignmentId, withoutId(body));
  }

  @DeleteMapping("/v1/rewards/{id}/assignments/{assignmentId}")
  ResponseEntity<Void> deleteAssignment(
      ProjectId project, @PathVariable String id, @PathVariable String assignmentId) {
    assignments.deleteAssignment(project, id, null, assignmentId);
    return ResponseEntity.noContent().build();
  }
}
