package dev.herald.projects.web;

import dev.herald.projects.Project;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/v1/projects/current")
class ProjectsController {

  private final Projects projects;

  ProjectsController(Projects projects) {
    this.projects = projects;
  }

  @GetMapping
  ObjectNode current(ProjectId project) {
    return json(projects.get(project));
  }

  @PutMapping
  ObjectNode update(ProjectId project, @RequestBody JsonNode body) {
    return json(projects.update(project, Body.of(body, "invalid_payload")));
  }

  static ObjectNode json(Project p) {
    ObjectNode out = Json.object();
    out.put("id", p.id().value());
    out.put("object", "project");
    out.put("name", p.name());
    out.put("time_zone", p.timeZone().getId());
    out.put("webhook_secret", p.webhookSecret());
    out.set("brand", p.brand());
    ObjectNode limits = Json.object();
    JsonNode stored = p.settings().path("limits");
    limits.set(
        "messages_per_day",
        stored.path("messages_per_day").isMissingNode()
            ? Json.nullNode()
            : stored.get("messages_per_day"));
    limits.set(
        "messages_per_month",
        stored.path("messages_per_month").isMissingNode()
            ? Json.nullNode()
            : stored.get("messages_per_month"));
    out.set("limits", limits);
    out.put("created_at", Times.format(p.createdAt()));
    out.put("updated_at", Times.format(p.updatedAt()));
    return out;
  }
}
