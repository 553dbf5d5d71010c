package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import dev.herald.distributions.Distributions;
import dev.herald.shared.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Engagement → Distributions": the list with its filters (keyset pages of 20) and the row actions
 * Pause, Resume, Delete (after a confirmation page), Stop (cancel a scheduled manual send).
 */
@Controller
class DistributionListController {

  static final int PAGE = 20;
  static final List<String> STATUSES =
      List.of(
          "DRAFT",
          "LIVE",
          "PAUSED",
          "SCHEDULED",
          "WAITING_FOR_SEGMENT_SYNC",
          "SENDING",
          "SENT",
          "CANCELED",
          "FINISHED",
          "FAILED");

  private final Distributions distributions;
  private final Views views;

  DistributionListController(Distributions distributions, Views views) {
    this.distributions = distributions;
    this.views = views;
  }

  @GetMapping("/dashboard/distributions")
  String list(
      DashboardUser user,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String trigger,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String after,
      Model model) {
    ZoneId zone = views.zone(user.project());
    String s = blank(status) ? null : status;
    if (s != null && !STATUSES.contains(s)) {
      throw ApiException.badRequest("invalid_status", "Unknown status " + s);
    }
    Instant createdAfter = day(from, zone, "from");
    Instant createdBefore = day(to, zone, "to");
    if (createdBefore != null) {
      createdBefore = createdBefore.plusSeconds(86_400); // "to" includes that whole day
    }
    List<ObjectNode> rows =
        distributions.listAfter(
            user.project(),
            s,
            blank(trigger) ? null : trigger,
            blank(name) ? null : name.trim(),
            createdBefore,
            createdAfter,
            blank(after) ? null : after,
            PAGE + 1);
    boolean more = rows.size() > PAGE;
    List<ObjectNode> shown = more ? rows.subList(0, PAGE) : rows;
    model.addAttribute("rows", Views.maps(shown));
    model.addAttribute("next", more ? shown.get(PAGE - 1).path("id").asString() : null);
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("triggers", triggerLabels());
    model.addAttribute("zone", zone);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("name", name);
    filters.put("status", s);
    filters.put("trigger", trigger);
    filters.put("from", from);
    filters.put("to", to);
    model.addAttribute("filters", filters);
    model.addAttribute("paged", !blank(after));
    return "dashboard/distributions";
  }

  /** Trigger type → label, from the catalog. */
  private Map<String, String> triggerLabels() {
    Map<String, String> out = new LinkedHashMap<>();
    distributions
        .catalog()
        .path("triggers")
        .forEach(t -> out.put(t.path("type").asString(), t.path("label").asString()));
    return out;
  }

  @PostMapping("/dashboard/distributions/{id}/pause")
  String pause(DashboardUser user, @PathVariable String id, RedirectAttributes flash) {
    distributions.pause(user.project(), id);
    flash.addFlashAttribute("notice", "Paused.");
    return "redirect:/dashboard/distributions/" + id;
  }

  @PostMapping("/dashboard/distributions/{id}/resume")
  String resume(DashboardUser user, @PathVariable String id, RedirectAttributes flash) {
    distributions.resume(user.project(), id);
    flash.addFlashAttribute("notice", "Set live.");
    return "redirect:/dashboard/distributions/" + id;
  }

  @PostMapping("/dashboard/distributions/{id}/cancel")
  String cancel(DashboardUser user, @PathVariable String id, RedirectAttributes flash) {
    distributions.cancel(user.project(), id);
    flash.addFlashAttribute("notice", "Stopped: nothing was sent.");
    return "redirect:/dashboard/distributions/" + id;
  }

  @GetMapping("/dashboard/distributions/{id}/delete")
  String confirmDelete(DashboardUser user, @PathVariable String id, Model model) {
    model.addAttribute("d", Views.map(distributions.get(user.project(), id)));
    return "dashboard/delete";
  }

  @PostMapping("/dashboard/distributions/{id}/delete")
  String delete(DashboardUser user, @PathVariable String id, RedirectAttributes flash) {
    ObjectNode d = distributions.get(user.project(), id);
    distributions.delete(user.project(), id);
    flash.addFlashAttribute(
        "notice", "Deleted " + (d.path("name").isString() ? d.path("name").asString() : id) + ".");
    return "redirect:/dashboard/distributions";
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Instant day(String value, ZoneId zone, String field) {
    if (blank(value)) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim()).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("invalid_date", field + " must be a date like 2026-12-31");
    }
  }
}
