package dev.herald.dashboard.web;

import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.PromotionTiers;
import dev.herald.distributions.Distributions;
import dev.herald.loyalty.Tiers;
import dev.herald.projects.ProjectId;
import dev.herald.rules.ValidationRules;
import dev.herald.segments.Segment;
import dev.herald.segments.SegmentQuery;
import dev.herald.segments.Segments;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import dev.herald.templates.Templates;
import dev.herald.templates.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the wizard's pickers offer, read from the facades: the catalog (triggers by category, the
 * actions a trigger allows, the channels an action allows), segments with their sync status,
 * campaigns, promotion tiers, validation rules, and the template variables of a trigger.
 */
@Component
class WizardOptions {

  static final int PICKER_LIMIT = 100;

  private final Distributions distributions;
  private final Segments segments;
  private final Campaigns campaigns;
  private final PromotionTiers tiers;
  private final ValidationRules rules;
  private final Templates templates;
  private final Tiers loyaltyTiers;

  WizardOptions(
      Distributions distributions,
      Segments segments,
      Campaigns campaigns,
      PromotionTiers tiers,
      ValidationRules rules,
      Templates templates,
      Tiers loyaltyTiers) {
    this.distributions = distributions;
    this.segments = segments;
    this.campaigns = campaigns;
    this.tiers = tiers;
    this.rules = rules;
    this.templates = templates;
    this.loyaltyTiers = loyaltyTiers;
  }

  ObjectNode catalog() {
    return distributions.catalog();
  }

  /** Category → its triggers, in catalog order. */
  Map<String, List<Map<String, Object>>> triggersByCategory() {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    catalog().path("categories").forEach(c -> out.put(c.asString(), new ArrayList<>()));
    catalog()
        .path("triggers")
        .forEach(t -> out.get(t.path("category").asString()).add(Views.map(t)));
    return out;
  }

  /** The catalog entry of a trigger type, or an empty object. */
  ObjectNode trigger(String type) {
    for (JsonNode t : catalog().path("triggers")) {
      if (t.path("type").asString().equals(type)) {
        return (ObjectNode) t;
      }
    }
    return Json.object();
  }

  /** The catalog action of a trigger, with the channels it allows there; empty if not offered. */
  ObjectNode action(String triggerType, String actionType) {
    for (JsonNode a : trigger(triggerType).path("actions")) {
      if (a.path("type").asString().equals(actionType)) {
        ObjectNode out = ((ObjectNode) a).deepCopy();
        for (JsonNode spec : catalog().path("actions")) {
          if (spec.path("type").asString().equals(actionType)) {
            out.set("requires", spec.path("requires"));
            out.set("carries_code", spec.path("carries_code"));
          }
        }
        return out;
      }
    }
    return Json.object();
  }

  Map<String, String> channelLabels() {
    Map<String, String> out = new LinkedHashMap<>();
    catalog()
        .path("channels")
        .forEach(c -> out.put(c.path("type").asString(), c.path("label").asString()));
    return out;
  }

  /** Segments, newest first, each with its sync status and member count when synced. */
  List<Map<String, Object>> segments(ProjectId project) {
    SegmentQuery query = SegmentQuery.from(QueryParams.of(Map.of("order", "-created_at")));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Segment s : segments.list(project, query, PICKER_LIMIT, 0)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("name", s.name());
      m.put("type", s.type().toString());
      m.put("synced", s.synced());
      m.put("status", s.initialSyncStatus().name());
      out.add(m);
    }
    return out;
  }

  List<Map<String, Object>> campaigns(ProjectId project, String campaignType) {
    return list(campaigns.list(project, campaignType, new Page(PICKER_LIMIT, 1)).get("campaigns"));
  }

  List<Map<String, Object>> promotionTiers(ProjectId project) {
    return list(tiers.all(project, null, new Page(PICKER_LIMIT, 1)).get("tiers"));
  }

  /** The tiers of every loyalty program (up to the picker limit), named "Program · Tier". */
  List<Map<String, Object>> loyaltyTiers(ProjectId project) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> program : campaigns(project, "LOYALTY_PROGRAM")) {
      Object items =
          loyaltyTiers
              .list(project, (String) program.get("id"), new Page(PICKER_LIMIT, 1))
              .get("data");
      for (Map<String, Object> tier : list(items)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", tier.get("id"));
        m.put("name", program.get("name") + " · " + tier.get("name"));
        out.add(m);
      }
    }
    return out.stream().limit(PICKER_LIMIT).toList();
  }

  List<Map<String, Object>> rules(ProjectId project) {
    return list(rules.list(project, new Page(PICKER_LIMIT, 1)).get("data"));
  }

  List<Variable> variables(String triggerType) {
    return triggerType == null ? List.of() : templates.variables(triggerType);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object items) {
    if (!(items instanceof List<?> l)) {
      return List.of();
    }
    return Views.maps(((List<JsonNode>) l).stream().limit(PICKER_LIMIT).toList());
  }
}
