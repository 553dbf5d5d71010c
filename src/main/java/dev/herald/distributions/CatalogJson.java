package dev.herald.distributions;

import dev.herald.shared.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/distributions/catalog}: the catalog table as the API and the dashboard read it.
 */
final class CatalogJson {

  private CatalogJson() {}

  /** {@code variables} gives each trigger's template variables (the templates module's catalog). */
  static ObjectNode render(
      java.util.function.Function<String, tools.jackson.databind.JsonNode> variables) {
    ObjectNode out = Json.object();
    out.put("object", "catalog");
    ArrayNode categories = Json.array();
    Catalog.categories().forEach(categories::add);
    out.set("categories", categories);
    ArrayNode triggers = Json.array();
    for (Catalog.TriggerSpec t : Catalog.TRIGGERS.values()) {
      ObjectNode trigger = Json.object();
      trigger.put("type", t.type());
      trigger.put("category", t.category());
      trigger.put("label", t.label());
      trigger.put("manual", t.manual());
      ObjectNode scope = Json.object();
      scope.set("required", scopes(t.required()));
      scope.set("optional", scopes(t.optional()));
      trigger.set("scope", scope);
      ArrayNode actions = Json.array();
      for (Catalog.Offer offer : t.offers()) {
        ObjectNode action = Json.object();
        action.put("type", offer.action());
        action.put("label", Catalog.ACTIONS.get(offer.action()).label());
        ArrayNode channels = Json.array();
        offer.channels().forEach(channels::add);
        action.set("channels", channels);
        actions.add(action);
      }
      trigger.set("actions", actions);
      trigger.put("audience", t.manual() ? "one customer or a segment" : "the event's customer");
      trigger.set("variables", variables.apply(t.type()));
      triggers.add(trigger);
    }
    out.set("triggers", triggers);
    ArrayNode actions = Json.array();
    for (Catalog.ActionSpec a : Catalog.ACTIONS.values()) {
      ObjectNode action = Json.object();
      action.put("type", a.type());
      action.put("label", a.label());
      ArrayNode requires = Json.array();
      a.requires().forEach(requires::add);
      action.set("requires", requires);
      action.put("carries_code", a.carriesCode());
      actions.add(action);
    }
    out.set("actions", actions);
    ArrayNode channels = Json.array();
    for (String c : Catalog.CHANNELS) {
      channels.add(Json.object().put("type", c).put("label", Catalog.CHANNEL_LABELS.get(c)));
    }
    out.set("channels", channels);
    return out;
  }

  private static ArrayNode scopes(List<Catalog.Scope> scopes) {
    ArrayNode out = Json.array();
    for (Catalog.Scope s : scopes) {
      out.add(Json.object().put("field", s.field()).put("label", s.label()).put("kind", s.kind()));
    }
    return out;
  }
}
