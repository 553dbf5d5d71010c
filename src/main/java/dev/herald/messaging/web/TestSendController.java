package dev.herald.messaging.web;

import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.Body;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Sends one rendered template to a given address, now. */
@RestController
class TestSendController {

  private final Messaging messaging;

  TestSendController(Messaging messaging) {
    this.messaging = messaging;
  }

  @PostMapping("/v1/templates/test-send")
  ObjectNode testSend(ProjectId project, @RequestBody JsonNode body) {
    return messaging.testSend(project, Body.of(body, "invalid_template"));
  }
}
