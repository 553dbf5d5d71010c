package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tiers of a loyalty program ({@code /v1/loyalties/{id}/tiers}): point ranges that never overlap.
 * Creating tiers moves existing members into them in the background.
 */
@Service
public class Tiers {

  private static final List<String> MAPPING_TYPES = List.of("MULTIPLY", "CUSTOM");

  private final TierRepository tiers;
  private final CardContexts contexts;
  private final TierRecalculation recalculation;
  private final Clock clock;

  Tiers(TierRepository tiers, CardContexts contexts, TierRecalculation recalculation, Clock clock) {
    this.tiers = tiers;
    this.contexts = contexts;
    this.recalculation = recalculation;
    this.clock = clock;
  }

  /** {@code POST /v1/loyalties/{id}/tiers} with an array of tiers; all or none are created. */
  @Transactional
  public ArrayNode create(ProjectId project, String programRef, List<Body> bodies) {
    Campaign program = contexts.programOf(project, programRef);
    if (bodies.isEmpty()) {
      throw ApiException.badRequest("invalid_payload", "Give at least one tier");
    }
    tiers.lockProgram(program.id());
    List<Tier> all = new ArrayList<>(tiers.ofCampaign(program.id()));
    Instant now = clock.instant();
    ArrayNode out = Json.array();
    List<Tier> made = new ArrayList<>();
    for (Body b : bodies) {
      Tier t = read(project, program, b, now);
      for (Tier other : all) {
        if (overlaps(t, other)) {
          throw b.invalid(
              "points",
              "overlaps tier " + other.name() + " (" + other.from() + "-" + other.to() + ")");
        }
      }
      all.add(t);
      made.add(t);
    }
    for (Tier t : made) {
      tiers.insert(t);
      out.add(LoyaltyJson.tier(t));
    }
    recalculation.start(project, program.id(), "tiers-" + made.get(0).id());
    return out;
  }

  private static boolean overlaps(Tier a, Tier b) {
    long aTo = a.to() == null ? Long.MAX_VALUE : a.to();
    long bTo = b.to() == null ? Long.MAX_VALUE : b.to();
    return a.from() <= bTo && b.from() <= aTo;
  }

  private static Tier read(ProjectId project, Campaign program, Body b, Instant now) {
    String name = b.requiredString("name");
    Body points = b.object("points").orElseThrow(() -> b.invalid("points", "is required"));
    long from = points.integer("from").orElse(0L);
    Long to = points.integer("to").orElse(null);
    if (from < 0) {
      throw points.invalid("from", "must not be negative");
    }
    if (to != null && to < from) {
      throw points.invalid("to", "must not be below from");
    }
    return new Tier(
        Ids.newId("ltr_"),
        project,
        program.id(),
        name,
        from,
        to,
        mapping(b, "earning_rules"),
        mapping(b, "rewards"),
        b.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
        now,
        null);
  }

  /** {@code {<id>: {type: MULTIPLY, multiplier} | {type: CUSTOM, points}}}. */
  private static ObjectNode mapping(Body b, String field) {
    Optional<Body> m = b.object(field);
    if (m.isEmpty()) {
      return Json.object();
    }
    for (String key : m.get().node().propertyNames()) {
      Body entry = m.get().object(key).orElseThrow(() -> m.get().invalid(key, "must be an object"));
      String type =
          entry
              .oneOf("type", MAPPING_TYPES)
              .orElseThrow(() -> entry.invalid("type", "is required (MULTIPLY or CUSTOM)"));
      if (type.equals("MULTIPLY")) {
        double multiplier =
            entry
                .number("multiplier")
                .orElseThrow(() -> entry.invalid("multiplier", "is required"));
        if (multiplier < 0) {
          throw entry.invalid("multiplier", "must not be negative");
        }
      } else if (entry.integer("points").orElseThrow(() -> entry.invalid("points", "is required"))
          < 0) {
        throw entry.invalid("points", "must not be negative");
      }
    }
    return m.get().node().deepCopy();
  }

  public Map<String, Object> list(ProjectId project, String programRef, Page page) {
    Campaign program = contexts.programOf(project, programRef);
    List<Tier> all = tiers.ofCampaign(program.id());
    List<ObjectNode> items =
        all.stream().skip(page.offset()).limit(page.fetchSize()).map(LoyaltyJson::tier).toList();
    return ListResponse.page("data", items, page, (long) all.size());
  }

  public ObjectNode get(ProjectId project, String programRef, String tierId) {
    return LoyaltyJson.tier(find(project, programRef, tierId));
  }

  Tier find(ProjectId project, String programRef, String tierId) {
    Campaign program = contexts.programOf(project, programRef);
    return tiers
        .byId(project, tierId)
        .filter(t -> t.campaignId().equals(program.id()))
        .orElseThrow(() -> ApiException.notFound("loyalty_tier", tierId));
  }

  /**
   * Points an earning rule gives a member of {@code tierId}: the tier's mapping for the rule
   * ({@code MULTIPLY} the rule's points, or {@code CUSTOM} points), else the rule's own.
   */
  static long forTier(Tier tier, String ruleOrAssignmentId, long points, boolean rewards) {
    if (tier == null) {
      return points;
    }
    ObjectNode mapping = rewards ? tier.rewards() : tier.earningRules();
    tools.jackson.databind.JsonNode m = mapping.get(ruleOrAssignmentId);
    if (m == null || !m.isObject()) {
      return points;
    }
    if ("MULTIPLY".equals(m.path("type").asString())) {
      return (long) Math.floor(points * m.path("multiplier").asDouble(1));
    }
    return m.path("points").asLong(points);
  }
}
