package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import dev.herald.messaging.Messaging;
import dev.herald.shared.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox inbox: the emails and SMS the sandbox received for the project, newest first, each
 * shown as the customer would see it (the email's HTML in a sandboxed frame, SMS as a bubble).
 */
@Controller
class InboxController {

  static final int PAGE = 25;

  private final Messaging messaging;
  private final Views views;

  InboxController(Messaging messaging, Views views) {
    this.messaging = messaging;
    this.views = views;
  }

  @GetMapping("/dashboard/sandbox")
  String inbox(
      DashboardUser user,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String selected,
      @RequestParam(defaultValue = "1") int page,
      Model model) {
    String c = channel == null || channel.isBlank() ? null : channel;
    if (c != null && !List.of("email", "sms").contains(c)) {
      throw ApiException.badRequest("invalid_channel", "channel is email or sms");
    }
    int p = Math.max(1, Math.min(page, 200));
    List<ObjectNode> found = messaging.sandboxMessages(user.project(), c, PAGE + 1, (p - 1) * PAGE);
    boolean more = found.size() > PAGE;
    List<Map<String, Object>> items = Views.maps(more ? found.subList(0, PAGE) : found);
    Map<String, Object> open =
        items.stream()
            .filter(m -> selected == null || selected.equals(m.get("id")))
            .findFirst()
            .orElse(items.isEmpty() ? null : items.get(0));
    model.addAttribute("items", items);
    model.addAttribute("open", open);
    model.addAttribute("channel", c);
    model.addAttribute("page", p);
    model.addAttribute("more", more);
    model.addAttribute("zone", views.zone(user.project()));
    return "dashboard/sandbox";
  }
}
