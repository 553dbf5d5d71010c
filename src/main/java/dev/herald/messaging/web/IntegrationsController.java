package dev.herald.messaging.web;

import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.Body;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A project's provider settings; credentials are accepted but never returned. */
@RestController
@RequestMapping("/v1/projects/current/integrations")
class IntegrationsController {

  private final Messaging messaging;

  IntegrationsController(Messaging messaging) {
    this.messaging = messaging;
  }

  @GetMapping
  ObjectNode get(ProjectId project) {
    return messaging.integrations(project);
  }

  @PutMapping
  ObjectNode put(ProjectId project, @RequestBody JsonNode body) {
    return messaging.updateIntegrations(project, Body.of(body, "invalid_payload"));
  }
}
