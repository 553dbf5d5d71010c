package dev.herald.customevents.web;

import dev.herald.customevents.CustomEvents;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.Body;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Voucherify's {@code POST /v1/events} (reference §2.3). */
@RestController
class EventsController {

  private final CustomEvents events;

  EventsController(CustomEvents events) {
    this.events = events;
  }

  @PostMapping("/v1/events")
  ObjectNode track(ProjectId project, @RequestBody JsonNode body) {
    return events.track(project, Body.of(body, "invalid_payload"));
  }
}
