package dev.herald.rules;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation rules, their assignments, and their evaluation. {@link #evaluate} is the entry point
 * for every module that filters by a rule (redemptions, validations, distribution audiences).
 */
@Service
public class ValidationRules {

  static final List<String> RELATED_TYPES =
      List.of(
          "voucher",
          "campaign",
          "promotion_tier",
          "earning_rule",
          "distribution",
          "reward_assignment");
  private static final List<String> TYPES = List.of("basic", "advanced", "complex", "expression");

  private final RuleRepository repository;
  private final EventLog eventLog;
  private final Clock clock;
  private final ObjectProvider<CustomerSegments> segments;
  private final ObjectProvider<RelatedObjects> relatedObjects;

  ValidationRules(
      RuleRepository repository,
      EventLog eventLog,
      Clock clock,
      ObjectProvider<CustomerSegments> segments,
      ObjectProvider<RelatedObjects> relatedObjects) {
    this.repository = repository;
    this.eventLog = eventLog;
    this.clock = clock;
    this.segments = segments;
    this.relatedObjects = relatedObjects;
  }

  @Transactional
  public ObjectNode create(ProjectId project, Body body) {
    Instant now = clock.instant();
    RuleRepository.Rule rule = read(project, Ids.newId("val_"), body, null, now);
    repository.insert(rule);
    ObjectNode json = toJson(rule);
    append(project, "business_validation_rule.created", json);
    return json;
  }

  @Transactional
  public ObjectNode update(ProjectId project, String id, Body body) {
    RuleRepository.Rule existing = find(project, id);
    RuleRepository.Rule rule = read(project, id, body, existing, existing.createdAt());
    rule =
        new RuleRepository.Rule(
            rule.id(),
            project,
            rule.name(),
            rule.rules(),
            rule.error(),
            rule.applicableTo(),
            rule.bundleRules(),
            rule.type(),
            rule.contextType(),
            existing.createdAt(),
            clock.instant());
    repository.update(rule);
    ObjectNode json = toJson(rule);
    append(project, "business_validation_rule.updated", json);
    return json;
  }

  @Transactional
  public void delete(ProjectId project, String id) {
    RuleRepository.Rule rule = find(project, id);
    ObjectNode json = toJson(rule);
    repository.delete(project, id, clock.instant());
    append(project, "business_validation_rule.deleted", json);
  }

  public ObjectNode get(ProjectId project, String id) {
    return toJson(find(project, id));
  }

  public boolean exists(ProjectId project, String id) {
    return repository.byId(project, id).isPresent();
  }

  public Map<String, Object> list(ProjectId project, Page page) {
    List<ObjectNode> items =
        repository.list(project, page.fetchSize(), page.offset()).stream()
            .map(this::toJson)
            .toList();
    return ListResponse.page("data", items, page, repository.count(project));
  }

  /**
   * Assigns a rule; the body is either {@code {related_object_type, related_object_id}} or the
   * SDK's {@code {campaign|voucher|promotion_tier: id}}.
   */
  @Transactional
  public ObjectNode assign(ProjectId project, String ruleId, Body body) {
    String type = null;
    String objectId = null;
    if (body.has("related_object_type") || body.has("related_object_id")) {
      type = body.oneOf("related_object_type", RELATED_TYPES).orElse(null);
      objectId = body.string("related_object_id").orElse(null);
    } else {
      for (String t : RELATED_TYPES) {
        if (body.has(t)) {
          type = t;
          objectId = body.requiredString(t);
        }
      }
    }
    if (type == null || objectId == null || objectId.isBlank()) {
      throw ApiException.badRequest(
          "invalid_payload",
          "Give related_object_type and related_object_id, or one of campaign, voucher,"
              + " promotion_tier");
    }
    return assign(project, ruleId, type, objectId);
  }

  /** Assigns a rule to an object (idempotent: assigning twice returns the first assignment). */
  @Transactional
  public ObjectNode assign(ProjectId project, String ruleId, String type, String objectId) {
    find(project, ruleId);
    String resolved = objectId;
    for (RelatedObjects owner : relatedObjects) {
      if (owner.handles(type)) {
        resolved = owner.resolve(project, type, objectId);
        if (resolved == null) {
          throw ApiException.notFound(type, objectId);
        }
      }
    }
    RuleRepository.Assignment stored =
        repository.assign(
            project,
            new RuleRepository.Assignment(
                Ids.newId("asgm_"), ruleId, type, resolved, clock.instant()));
    ObjectNode json = toJson(stored);
    append(project, "business_validation_rule.assignment.created", json);
    return json;
  }

  @Transactional
  public void unassign(ProjectId project, String ruleId, String assignmentId) {
    find(project, ruleId);
    if (!repository.unassign(project, ruleId, assignmentId)) {
      throw ApiException.notFound("validation_rules_assignment", assignmentId);
    }
    append(
        project,
        "business_validation_rule.assignment.deleted",
        Json.object().put("id", assignmentId).put("rule_id", ruleId));
  }

  /** Drops every assignment to an object that is being deleted. */
  @Transactional
  public void unassignObject(ProjectId project, String relatedObjectId) {
    repository.unassignObject(project, relatedObjectId);
  }

  public Map<String, Object> assignments(ProjectId project, String ruleId, String relatedObjectId) {
    if (ruleId != null) {
      find(project, ruleId);
    }
    List<ObjectNode> items =
        repository.assignments(project, ruleId, relatedObjectId).stream()
            .map(ValidationRules::toJson)
            .toList();
    return ListResponse.of("data", items, (long) items.size(), false);
  }

  /** The {@code validation_rules_assignments} list embedded in campaigns, vouchers and tiers. */
  public ObjectNode assignmentsJson(ProjectId project, String relatedObjectId) {
    ArrayNode data = Json.array();
    repository.assignments(project, null, relatedObjectId).forEach(a -> data.add(toJson(a)));
    return assignmentList(data);
  }

  /** {@link #assignmentsJson(ProjectId, String)} for many objects in one query, by object id. */
  public Map<String, ObjectNode> assignmentsJson(
      ProjectId project, java.util.Collection<String> relatedObjectIds) {
    Map<String, ArrayNode> byObject = new java.util.HashMap<>();
    for (RuleRepository.Assignment a : repository.assignmentsOf(project, relatedObjectIds)) {
      byObject.computeIfAbsent(a.relatedObjectId(), k -> Json.array()).add(toJson(a));
    }
    Map<String, ObjectNode> out = new java.util.HashMap<>();
    for (String id : relatedObjectIds) {
      out.put(id, assignmentList(byObject.getOrDefault(id, Json.array())));
    }
    return out;
  }

  private static ObjectNode assignmentList(ArrayNode data) {
    ObjectNode out = Json.object().put("object", "list").put("data_ref", "data");
    out.set("data", data);
    out.put("total", data.size());
    return out;
  }

  /** The ids of the rules assigned to any of these objects, in assignment order, once each. */
  public List<String> ruleIdsFor(ProjectId project, List<String> relatedObjectIds) {
    List<String> out = new ArrayList<>();
    for (String objectId : relatedObjectIds) {
      if (objectId == null) {
        continue;
      }
      for (RuleRepository.Assignment a : repository.assignments(project, null, objectId)) {
        if (!out.contains(a.ruleId())) {
          out.add(a.ruleId());
        }
      }
    }
    return out;
  }

  /**
   * Decides rule {@code ruleId} against {@code context}. 404 for an unknown rule; 422 {@code
   * customer_segments_unavailable} when the rule tests {@code customer.segment} and no module
   * provides segment membership; 422 {@code invalid_validation_rules} when the rule cannot be
   * decided as written.
   */
  public RuleResult evaluate(ProjectId project, String ruleId, RuleContext context) {
    RuleRepository.Rule rule = find(project, ruleId);
    CustomerSegments provider = segments.getIfAvailable();
    Function<String, Set<String>> lookup =
        provider == null ? null : customerId -> provider.segmentIdsOf(project, customerId);
    try {
      return new RuleEvaluator(context, lookup)
          .evaluate(rule.id(), rule.rules(), message(rule.error()));
    } catch (RuleEvaluator.SegmentsUnavailable e) {
      throw ApiException.unprocessable(
          "customer_segments_unavailable",
          "Validation rule "
              + ruleId
              + " tests customer.segment, but segment membership is not"
              + " available in this installation");
    } catch (Conditions.RuleException | IllegalArgumentException e) {
      throw ApiException.unprocessable(
          "invalid_validation_rules",
          "Validation rule " + ruleId + " cannot be evaluated: " + e.getMessage());
    }
  }

  /** Evaluates each rule in turn; the first failure, or empty when all pass. */
  public Optional<RuleResult> firstFailure(
      ProjectId project, List<String> ruleIds, RuleContext context) {
    for (String ruleId : ruleIds) {
      RuleResult result = evaluate(project, ruleId, context);
      if (!result.valid()) {
        return Optional.of(result);
      }
    }
    return Optional.empty();
  }

  private static String message(JsonNode error) {
    JsonNode m = error == null ? null : error.path("message");
    return m != null && m.isString() ? m.stringValue() : null;
  }

  private RuleRepository.Rule find(ProjectId project, String id) {
    return repository
        .byId(project, id)
        .orElseThrow(() -> ApiException.notFound("validation_rules", id));
  }

  private RuleRepository.Rule read(
      ProjectId project, String id, Body body, RuleRepository.Rule existing, Instant now) {
    String name =
        existing == null || body.has("name") ? body.requiredString("name") : existing.name();
    JsonNode rules = existing == null ? Json.object() : existing.rules();
    if (body.has("rules")) {
      rules = body.object("rules").map(Body::node).orElse(Json.object()).deepCopy();
    }
    try {
      RuleEvaluator.check(rules);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_validation_rules", e.getMessage());
    }
    JsonNode error = existing == null ? null : existing.error();
    if (body.has("error")) {
      Optional<Body> e = body.object("error");
      e.ifPresent(b -> b.string("message"));
      error = e.map(b -> (JsonNode) b.node().deepCopy()).orElse(null);
    }
    JsonNode applicable = existing == null ? null : existing.applicableTo();
    if (body.has("applicable_to")) {
      applicable =
          body.object("applicable_to").map(b -> (JsonNode) b.node().deepCopy()).orElse(null);
    }
    JsonNode bundle = existing == null ? null : existing.bundleRules();
    if (body.has("bundle_rules")) {
      bundle = body.object("bundle_rules").map(b -> (JsonNode) b.node().deepCopy()).orElse(null);
    }
    String type = body.oneOf("type", TYPES).orElse(existing == null ? "basic" : existing.type());
    String context =
        body.string("context_type").orElse(existing == null ? "global" : existing.contextType());
    return new RuleRepository.Rule(
        id, project, name, rules, error, applicable, bundle, type, context, now, null);
  }

  private ObjectNode toJson(RuleRepository.Rule r) {
    ObjectNode out = Json.object();
    out.put("id", r.id());
    out.put("name", r.name());
    out.set("rules", r.rules());
    out.set("error", r.error() == null || r.error().isNull() ? Json.nullNode() : r.error());
    ObjectNode applicable =
        r.applicableTo() != null && r.applicableTo().isObject()
            ? (ObjectNode) r.applicableTo().deepCopy()
            : Json.object();
    if (!applicable.has("excluded")) {
      applicable.set("excluded", Json.array());
    }
    if (!applicable.has("included")) {
      applicable.set("included", Json.array());
    }
    if (!applicable.has("included_all")) {
      applicable.put("included_all", false);
    }
    out.set("applicable_to", applicable);
    out.set(
        "bundle_rules",
        r.bundleRules() == null || r.bundleRules().isNull() ? Json.nullNode() : r.bundleRules());
    out.put("type", r.type());
    out.put("context_type", r.contextType());
    out.put("created_at", Times.format(r.createdAt()));
    out.put("updated_at", Times.format(r.updatedAt()));
    out.put("assignments_count", repository.assignmentCount(r.id()));
    out.put("object", "validation_rules");
    return out;
  }

  private static ObjectNode toJson(RuleRepository.Assignment a) {
    ObjectNode out = Json.object();
    out.put("id", a.id());
    out.put("rule_id", a.ruleId());
    out.put("related_object_id", a.relatedObjectId());
    out.put("related_object_type", a.relatedObjectType());
    out.put("created_at", Times.format(a.at()));
    out.put("object", "validation_rules_assignment");
    return out;
  }

  private void append(ProjectId project, String type, ObjectNode data) {
    eventLog.append(NewEvent.of(project, type, null, data));
  }
}
