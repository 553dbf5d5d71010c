package dev.herald.templates.web;

import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.templates.Preview;
import dev.herald.templates.Templates;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/v1/templates")
class TemplatesController {

  private final Templates templates;

  TemplatesController(Templates templates) {
    this.templates = templates;
  }

  /** The variables of one trigger, or of every trigger when none is named. */
  @GetMapping("/variables")
  ObjectNode variables(@RequestParam(name = "trigger_type", required = false) String trigger) {
    if (trigger != null) {
      if (!templates.triggerTypes().contains(trigger)) {
        throw ApiException.badRequest(
            "invalid_query_params",
            "trigger_type must be one of "
                + String.join(", ", templates.triggerTypes())
                + " (got '"
                + trigger
                + "')");
      }
      return templates.variablesJson(trigger);
    }
    ObjectNode out = Json.object();
    out.put("object", "list");
    out.put("data_ref", "triggers");
    ArrayNode triggers = out.putArray("triggers");
    for (String t : templates.triggerTypes()) {
      ObjectNode one = templates.variablesJson(t);
      triggers.add(
          Json.object()
              .put("trigger_type", t)
              .set("variables", one.get("variables"))
              .set("data_keys", one.get("data_keys")));
    }
    out.put("total", triggers.size());
    out.put("has_more", false);
    return out;
  }

  @PostMapping("/preview")
  ObjectNode preview(ProjectId project, @RequestBody JsonNode body) {
    Preview p = templates.preview(project, Body.of(body, "invalid_template"));
    ObjectNode out = Json.object();
    out.put("object", "template_preview");
    out.put("channel", p.channel());
    out.put("trigger_type", p.triggerType());
    out.put("customer_id", p.customerId());
    if (p.email() != null) {
      out.put("subject", p.email().subject());
      out.put("preheader", p.email().preheader());
      out.put("html", templates.displayHtml(p.email()));
      out.put("text", p.email().text());
    } else if (p.sms() != null) {
      out.put("text", p.sms().text());
      out.put("encoding", p.sms().encoding());
      out.put("segments", p.sms().segments());
      out.put("length", p.sms().length());
    } else {
      out.set("payload", p.payload());
    }
    ArrayNode warnings = out.putArray("warnings");
    p.warnings().forEach(warnings::add);
    return out;
  }

  @GetMapping("/{id}/versions")
  ObjectNode versions(ProjectId project, @PathVariable String id) {
    List<ObjectNode> versions = templates.versions(project, id);
    if (versions.isEmpty()) {
      throw ApiException.notFound("template", id);
    }
    ObjectNode out = Json.object();
    out.put("object", "list");
    out.put("data_ref", "versions");
    ArrayNode data = out.putArray("versions");
    versions.forEach(data::add);
    out.put("total", versions.size());
    out.put("has_more", false);
    return out;
  }
}
