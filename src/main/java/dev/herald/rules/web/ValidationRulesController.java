package dev.herald.rules.web;

import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.rules.RuleContext;
import dev.herald.rules.RuleResult;
import dev.herald.rules.ValidationRules;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
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

/** Voucherify's {@code /v1/validation-rules} and {@code /v1/validation-rules-assignments}. */
@RestController
class ValidationRulesController {

  private final ValidationRules rules;
  private final Customers customers;
  private final Clock clock;

  ValidationRulesController(ValidationRules rules, Customers customers, Clock clock) {
    this.rules = rules;
    this.customers = customers;
    this.clock = clock;
  }

  @PostMapping("/v1/validation-rules")
  ObjectNode create(ProjectId project, @RequestBody JsonNode body) {
    return rules.create(project, Body.of(body, "invalid_validation_rules"));
  }

  @GetMapping("/v1/validation-rules")
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    return rules.list(project, Page.from(QueryParams.of(request)));
  }

  @GetMapping("/v1/validation-rules/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return rules.get(project, id);
  }

  @PutMapping("/v1/validation-rules/{id}")
  ObjectNode update(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    return rules.update(project, id, Body.of(body, "invalid_validation_rules"));
  }

  @DeleteMapping("/v1/validation-rules/{id}")
  ResponseEntity<Void> delete(ProjectId project, @PathVariable String id) {
    rules.delete(project, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v1/validation-rules/{id}/assignments")
  ObjectNode assign(ProjectId project, @PathVariable String id, @RequestBody JsonNode body) {
    return rules.assign(project, id, Body.of(body, "invalid_payload"));
  }

  @GetMapping("/v1/validation-rules/{id}/assignments")
  Map<String, Object> assignments(ProjectId project, @PathVariable String id) {
    return rules.assignments(project, id, null);
  }

  @DeleteMapping("/v1/validation-rules/{id}/assignments/{assignmentId}")
  ResponseEntity<Void> unassign(
      ProjectId project, @PathVariable String id, @PathVariable String assignmentId) {
    rules.unassign(project, id, assignmentId);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/v1/validation-rules-assignments")
  Map<String, Object> allAssignments(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return rules.assignments(
        project, q.string("rule").orElse(null), q.string("related_object_id").orElse(null));
  }

  /**
   * Legacy: decides a rule against {@code {customer, order, custom_event}}. A known customer (by id
   * or source_id) is decided as stored, so rules on segments and metadata see the real profile.
   */
  private JsonNode known(ProjectId project, JsonNode given) {
    String ref =
        given.path("id").isString()
            ? given.get("id").stringValue()
            : given.path("source_id").asString(null);
    return ref == null
        ? given
        : customers.find(project, ref).<JsonNode>map(customers::toJson).orElse(given);
  }

  @PostMapping("/v1/validation-rules/{id}/validation")
  ObjectNode validate(
      ProjectId project, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
    Body b = Body.ofNullable(body, "invalid_payload");
    JsonNode customer = b.object("customer").map(x -> known(project, x.node())).orElse(null);
    JsonNode order = b.object("order").map(x -> (JsonNode) x.node()).orElse(null);
    RuleContext context =
        RuleContext.of(customer, order, clock.instant(), null)
            .withCustomEvent(b.object("custom_event").map(x -> (JsonNode) x.node()).orElse(null));
    RuleResult result = rules.evaluate(project, id, context);
    ObjectNode out = Json.object().put("valid", result.valid()).put("rule_id", id);
    if (!result.valid()) {
      out.put("reason", result.key());
      out.set("error", Json.object().put("message", result.errorMessage()));
    }
    return out;
  }
}
