package dev.herald.messaging.web;

import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** What the embedded SMTP server and the SMS sandbox received for the project, newest first. */
@RestController
@RequestMapping("/v1/sandbox")
class SandboxController {

  private final Messaging messaging;

  SandboxController(Messaging messaging) {
    this.messaging = messaging;
  }

  @GetMapping("/messages")
  Map<String, Object> messages(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    String channel = q.string("channel").orElse(null);
    if (channel != null && !List.of("email", "sms").contains(channel)) {
      throw ApiException.badRequest(
          "invalid_query_params", "channel must be email or sms (got '" + channel + "')");
    }
    Page page = Page.from(q);
    List<ObjectNode> items =
        messaging.sandboxMessages(project, channel, page.fetchSize(), page.offset());
    return ListResponse.page("messages", items, page, messaging.sandboxCount(project, channel));
  }
}
