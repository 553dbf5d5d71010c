package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Validity;
import dev.herald.projects.ProjectId;
import dev.herald.rules.ValidationRules;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Earning rules of a loyalty program ({@code /v1/loyalties/{id}/earning-rules}). */
@Service
public class EarningRules {

  private final EarningRuleRepository repository;
  private final CardContexts contexts;
  private final TierRepository tiers;
  private final ValidationRules rules;
  private final Clock clock;

  EarningRules(
      EarningRuleRepository repository,
      CardContexts contexts,
      TierRepository tiers,
      ValidationRules rules,
      Clock clock) {
    this.repository = repository;
    this.contexts = contexts;
    this.tiers = tiers;
    this.rules = rules;
    this.clock = clock;
  }

  /** Creates the rules of an array body; all or none. */
  @Transactional
  public ArrayNode create(ProjectId project, String programRef, List<Body> bodies) {
    Campaign program = contexts.programOf(project, programRef);
    if (bodies.isEmpty()) {
      throw ApiException.badRequest("invalid_payload", "Give at least one earning rule");
    }
    ArrayNode out = Json.array();
    Instant now = clock.instant();
    for (Body b : bodies) {
      EarningRule r = read(project, program, b, now);
      repository.insert(r);
      out.add(toJson(r));
    }
    return out;
  }

  private EarningRule read(ProjectId project, Campaign program, Body b, Instant now) {
    String event = b.requiredString("event");
    if (event.isBlank() || event.length() > 300) {
      throw b.invalid("event", "must have 1 to 300 characters");
    }
    boolean custom = EarningPoints.isCustomEvent(event);
    if (custom && (event.startsWith("customer.") || event.startsWith("order."))) {
      throw b.invalid(
          "event",
          "must be order.paid, customer.segment.entered, a customer.loyalty.tier event or a"
              + " custom event name");
    }
    String segmentId = null;
    if (event.equals(EarningRule.SEGMENT_ENTERED)) {
      Body segment = b.object("segment").orElseThrow(() -> b.invalid("segment", "is required"));
      segmentId = segment.requiredString("id");
    }
    String tierId = null;
    if (EarningPoints.TIER_EVENTS.contains(event) && b.has("loyalty_tier")) {
      Body tier =
          b.object("loyalty_tier")
              .orElseThrow(() -> b.invalid("loyalty_tier", "must be an object"));
      tierId = tier.requiredString("id");
      String id = tierId;
      tiers
          .byId(project, id)
          .filter(t -> t.campaignId().equals(program.id()))
          .orElseThrow(() -> ApiException.notFound("loyalty_tier", id));
    }
    JsonNode customEvent =
        custom
            ? b.object("custom_event").map(c -> (JsonNode) c.node().deepCopy()).orElse(null)
            : null;
    ObjectNode loyalty = EarningPoints.read(b, event);
    String ruleId = validationRule(project, b, null);
    ObjectNode source = Json.object();
    b.object("source").flatMap(s -> s.string("banner")).ifPresent(v -> source.put("banner", v));
    return new EarningRule(
        Ids.newId("ern_"),
        project,
        program.id(),
        event,
        segmentId,
        tierId,
        customEvent,
        loyalty,
        source,
        ruleId,
        b.bool("active").orElse(true),
        Validity.from(b, Validity.NONE),
        b.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
        Ids.newId("auto_"),
        now,
        null);
  }

  private String validationRule(ProjectId project, Body b, String current) {
    if (!b.has("validation_rule_id")) {
      return current;
    }
    Optional<String> id = b.string("validation_rule_id");
    if (id.isPresent() && !rules.exists(project, id.get())) {
      throw ApiException.notFound("validation_rules", id.get());
    }
    return id.orElse(null);
  }

  /** Partial update: {@code loyalty}, {@code source.banner}, validation rule, limits, metadata. */
  @Transactional
  public ObjectNode update(ProjectId project, String programRef, String id, Body b) {
    EarningRule r = find(project, programRef, id);
    ObjectNode source = r.source().deepCopy();
    b.object("source").flatMap(s -> s.string("banner")).ifPresent(v -> source.put("banner", v));
    EarningRule updated =
        r.withChanges(
            b.has("loyalty") ? EarningPoints.read(b, r.event()) : r.loyalty(),
            source,
            validationRule(project, b, r.validationRuleId()),
            b.bool("active").orElse(r.active()),
            Validity.from(b, r.validity()),
            b.metadata("metadata").map(ObjectNode::deepCopy).orElse(r.metadata()),
            clock.instant());
    repository.update(updated);
    return toJson(updated);
  }

  @Transactional
  public ObjectNode setActive(ProjectId project, String programRef, String id, boolean active) {
    EarningRule r = find(project, programRef, id);
    EarningRule updated =
        r.withChanges(
            r.loyalty(),
            r.source(),
            r.validationRuleId(),
            active,
            r.validity(),
            r.metadata(),
            clock.instant());
    repository.update(updated);
    return toJson(updated);
  }

  @Transactional
  public void delete(ProjectId project, String programRef, String id) {
    repository.delete(find(project, programRef, id).id(), clock.instant());
  }

  public ObjectNode get(ProjectId project, String programRef, String id) {
    return toJson(find(project, programRef, id));
  }

  /** The program's rules; with {@code tierId}, the rules reacting to that tier's events. */
  public Map<String, Object> list(ProjectId project, String programRef, String tierId, Page page) {
    Campaign program = contexts.programOf(project, programRef);
    List<ObjectNode> items =
        repository.ofCampaign(program.id(), tierId, page.fetchSize(), page.offset()).stream()
            .map(EarningRules::toJson)
            .toList();
    return ListResponse.page("data", items, page, repository.count(program.id(), tierId));
  }

  private EarningRule find(ProjectId project, String programRef, String id) {
    Campaign program = contexts.programOf(project, programRef);
    return repository
        .byId(project, program.id(), id)
        .orElseThrow(() -> ApiException.notFound("earning_rule", id));
  }

  static ObjectNode toJson(EarningRule r) {
    ObjectNode out = Json.object();
    out.put("id", r.id());
    out.put("created_at", Times.format(r.createdAt()));
    out.put("updated_at", Times.format(r.updatedAt()));
    out.put("validation_rule_id", r.validationRuleId());
    out.set("loyalty", r.loyalty());
    out.put("event", r.event());
    if (r.segmentId() != null) {
      out.set("segment", Json.object().put("id", r.segmentId()));
    }
    if (r.loyaltyTierId() != null) {
      out.set("loyalty_tier", Json.object().put("id", r.loyaltyTierId()));
    }
    if (r.customEvent() != null) {
      out.set("custom_event", r.customEvent());
    }
    ObjectNode source = r.source().deepCopy();
    source.put("object_id", r.campaignId());
    source.put("object_type", "campaign");
    out.set("source", source);
    out.put("active", r.active());
    r.validity().write(out);
    out.set("metadata", r.metadata());
    out.put("automation_id", r.automationId());
    out.put("object", "earning_rule");
    return out;
  }
}
