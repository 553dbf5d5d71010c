package dev.herald.loyalty.web;

import dev.herald.loyalty.EarningRules;
import dev.herald.loyalty.LoyaltyPrograms;
import dev.herald.loyalty.RewardAssignments;
import dev.herald.loyalty.RewardRedemptions;
import dev.herald.loyalty.Tiers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/** Voucherify's legacy loyalty API, {@code /v1/loyalties} (reference §2.11). */
@RestController
class LoyaltiesController {

  private static final String PAYLOAD = "invalid_payload";

  private final LoyaltyPrograms programs;
  private final Tiers tiers;
  private final EarningRules earningRules;
  private final RewardAssignments assignments;
  private final RewardRedemptions redemptions;

  LoyaltiesController(
      LoyaltyPrograms programs,
      Tiers tiers,
      EarningRules earningRules,
      RewardAssignments assignments,
      RewardRedemptions redemptions) {
    this.programs = programs;
    this.tiers = tiers;
    this.earningRules = earningRules;
    this.assignments = assignments;
    this.redemptions = redemptions;
  }

  /** An array body (or one object) as bodies. */
  static List<Body> items(JsonNode body) {
    List<Body> out = new ArrayList<>();
    if (body != null && body.isArray()) {
      for (JsonNode item : body) {
        if (!item.isObject()) {
          throw ApiException.badRequest(PAYLOAD, "Each item must be an object");
        }
        out.add(Body.of(item, PAYLOAD));
      }
      return out;
    }
    out.add(Body.of(body, PAYLOAD));
    return out;
  }

  /** Answers an array body with an array, an object body with the first item. */
  private static Object shaped(JsonNode body, List<?> items) {
    return body != null && body.isArray() ? items : items.get(0);
  }

  @PostMapping("/v1/loyalties")
  ObjectNode create(ProjectId project, @RequestBody JsonNode body) {
    return programs.create(project, Body.of(body, "invalid_campaign"));
  }

  @GetMapping("/v1/loyalties")
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    return programs.list(project, Page.from(QueryParams.of(request)));
  }

  @GetMapping("/v1/loyalties/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return programs.get(project, id);
  }

  @PutMapping("/v1/loyalties/{id}")
  ObjectNode update(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    ObjectNode copy =
        body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
    copy.remove("id");
    return programs.update(project, id, Body.of(copy, "invalid_campaign"));
  }

  @DeleteMapping("/v1/loyalties/{id}")
  ResponseEntity<Void> delete(ProjectId project, @PathVariable String id) {
    programs.delete(project, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v1/loyalties/{id}/members")
  ObjectNode createMember(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    return programs.createMember(project, id, Body.of(body, PAYLOAD));
  }

  @GetMapping("/v1/loyalties/{id}/members")
  Map<String, Object> members(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return programs.listMembers(
        project,
        id,
        new Instant[] {
          q.instant("created_at", "before").orElse(null),
          q.instant("created_at", "after").orElse(null)
        },
        Page.from(q));
  }

  @GetMapping({"/v1/loyalties/{id}/members/{code}", "/v1/loyalties/members/{code}"})
  ObjectNode member(
      ProjectId project, @PathVariable(required = false) String id, @PathVariable String code) {
    return programs.getMember(project, id, code);
  }

  @PostMapping({
    "/v1/loyalties/{id}/members/{code}/balance",
    "/v1/loyalties/members/{code}/balance"
  })
  ObjectNode balance(
      ProjectId project,
      @PathVariable(required = false) String id,
      @PathVariable String code,
      @RequestBody JsonNode body) {
    return programs.changeBalance(project, id, code, Body.of(body, "invalid_add_balance_params"));
  }

  @GetMapping({
    "/v1/loyalties/{id}/members/{code}/transactions",
    "/v1/loyalties/members/{code}/transactions"
  })
  Map<String, Object> transactions(
      ProjectId project,
      @PathVariable(required = false) String id,
      @PathVariable String code,
      HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return programs.transactions(
        project,
        id,
        code,
        q.string("starting_after_id").orElse(null),
        q.integer("limit", 1, 100).orElse(10));
  }

  @PostMapping("/v1/loyalties/{id}/members/{code}/transfers")
  ObjectNode transfer(
      ProjectId project,
      @PathVariable String id,
      @PathVariable String code,
      @RequestBody JsonNode body) {
    return programs.transfer(project, id, code, items(body));
  }

  @GetMapping("/v1/loyalties/{id}/members/{code}/points-expiration")
  Map<String, Object> pointsExpiration(
      ProjectId project,
      @PathVariable String id,
      @PathVariable String code,
      HttpServletRequest request) {
    return programs.pointsExpiration(project, id, code, Page.from(QueryParams.of(request)));
  }

  @PostMapping({
    "/v1/loyalties/{id}/members/{code}/redemption",
    "/v1/loyalties/members/{code}/redemption"
  })
  ObjectNode redeemReward(
      ProjectId project,
      @PathVariable(required = false) String id,
      @PathVariable String code,
      @RequestBody JsonNode body) {
    return redemptions.redeem(project, id, code, Body.of(body, PAYLOAD));
  }

  @GetMapping("/v1/loyalties/members/{code}/rewards")
  Map<String, Object> memberRewards(
      ProjectId project, @PathVariable String code, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return assignments.memberRewards(
        project, code, q.bool("affordable_only").orElse(false), Page.from(q));
  }

  @GetMapping("/v1/loyalties/members/{code}/tiers")
  Map<String, Object> memberTiers(ProjectId project, @PathVariable String code) {
    return programs.memberTiers(project, code);
  }

  @PostMapping("/v1/loyalties/{id}/tiers")
  Object createTiers(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    List<Body> items = items(body);
    List<JsonNode> made = new ArrayList<>();
    tiers.create(project, id, items).forEach(made::add);
    return shaped(body, made);
  }

  @GetMapping("/v1/loyalties/{id}/tiers")
  Map<String, Object> tiers(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    return tiers.list(project, id, Page.from(QueryParams.of(request)));
  }

  @GetMapping("/v1/loyalties/{id}/tiers/{tierId}")
  ObjectNode tier(ProjectId project, @PathVariable String id, @PathVariable String tierId) {
    return tiers.get(project, id, tierId);
  }

  @GetMapping("/v1/loyalties/{id}/tiers/{tierId}/earning-rules")
  Map<String, Object> tierEarningRules(
      ProjectId project,
      @PathVariable String id,
      @PathVariable String tierId,
      HttpServletRequest request) {
    tiers.get(project, id, tierId);
    return earningRules.list(project, id, tierId, Page.from(QueryParams.of(request)));
  }

  @GetMapping("/v1/loyalties/{id}/tiers/{tierId}/rewards")
  Map<String, Object> tierRewards(
      ProjectId project,
      @PathVariable String id,
      @PathVariable String tierId,
      HttpServletRequest request) {
    return assignments.tierRewards(project, id, tierId, Page.from(QueryParams.of(request)));
  }

  @PostMapping("/v1/loyalties/{id}/earning-rules")
  Object createEarningRules(
      ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    List<JsonNode> made = new ArrayList<>();
    earningRules.create(project, id, items(body)).forEach(made::add);
    return shaped(body, made);
  }

  @GetMapping("/v1/loyalties/{id}/earning-rules")
  Map<String, Object> earningRules(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    return earningRules.list(project, id, null, Page.from(QueryParams.of(request)));
  }

  @GetMapping("/v1/loyalties/{id}/earning-rules/{ruleId}")
  ObjectNode earningRule(ProjectId project, @PathVariable String id, @PathVariable String ruleId) {
    return earningRules.get(project, id, ruleId);
  }

  @PutMapping("/v1/loyalties/{id}/earning-rules/{ruleId}")
  ObjectNode updateEarningRule(
      ProjectId project,
      @PathVariable String id,
      @PathVariable String ruleId,
      @RequestBody JsonNode body) {
    return earningRules.update(project, id, ruleId, Body.of(body, PAYLOAD));
  }

  @DeleteMapping("/v1/loyalties/{id}/earning-rules/{ruleId}")
  ResponseEntity<Void> deleteEarningRule(
      ProjectId project, @PathVariable String id, @PathVariable String ruleId) {
    earningRules.delete(project, id, ruleId);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v1/loyalties/{id}/earning-rules/{ruleId}/enable")
  ObjectNode enableEarningRule(
      ProjectId project, @PathVariable String id, @PathVariable String ruleId) {
    return earningRules.setActive(project, id, ruleId, true);
  }

  @PostMapping("/v1/loyalties/{id}/earning-rules/{ruleId}/disable")
  ObjectNode disableEarningRule(
      ProjectId project, @PathVariable String id, @PathVariable String ruleId) {
    return earningRules.setActive(project, id, ruleId, false);
  }

  @PostMapping("/v1/loyalties/{id}/rewards")
  Object assignRewards(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    return assignments.assignToProgram(project, id, items(body), body != null && body.isArray());
  }

  @GetMapping("/v1/loyalties/{id}/rewards")
  Map<String, Object> rewardAssignments(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    return assignments.assignments(project, null, id, Page.from(QueryParams.of(request)));
  }

  @GetMapping("/v1/loyalties/{id}/rewards/{assignmentId}")
  ObjectNode rewardAssignment(
      ProjectId project, @PathVariable String id, @PathVariable String assignmentId) {
    return assignments.getAssignment(project, null, id, assignmentId);
  }

  @PutMapping("/v1/loyalties/{id}/rewards/{assignmentId}")
  ObjectNode updateRewardAssignment(
      ProjectId project,
      @PathVariable String id,
      @PathVariable String assignmentId,
      @RequestBody JsonNode body) {
    return assignments.updateAssignment(project, null, id, assignmentId, Body.of(body, PAYLOAD));
  }

  @DeleteMapping("/v1/loyalties/{id}/rewards/{assignmentId}")
  ResponseEntity<Void> deleteRewardAssignment(
      ProjectId project, @PathVariable String id, @PathVariable String assignmentId) {
    assignments.deleteAssignment(project, null, id, assignmentId);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/v1/loyalties/{id}/reward-assignments/{assignmentId}/reward")
  ObjectNode rewardOfAssignment(
      ProjectId project, @PathVariable String id, @PathVariable String assignmentId) {
    return assignments.rewardOfAssignment(project, id, assignmentId);
  }
}
