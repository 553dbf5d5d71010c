package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import dev.herald.distributions.Distributions;
import dev.herald.segments.SegmentDraft;
import dev.herald.segments.Segments;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Create Distribution wizard: Trigger → Action → Channels → Summary. Every step saves the draft
 * (Save draft, Back and Next all save), so a marketer can leave at any step and come back; Summary
 * shows the dry run and "Save & Send". A segment added in the trigger step's dialog is created in
 * the same transaction as the step that uses it, so it exists only once the distribution is saved.
 */
@Controller
class WizardController {

  static final List<String> STEPS = List.of("trigger", "action", "channels", "summary");

  private final Distributions distributions;
  private final Segments segments;
  private final WizardPages pages;
  private final Views views;
  private final TransactionTemplate tx;

  WizardController(
      Distributions distributions,
      Segments segments,
      WizardPages pages,
      Views views,
      TransactionTemplate tx) {
    this.distributions = distributions;
    this.segments = segments;
    this.pages = pages;
    this.views = views;
    this.tx = tx;
  }

  @GetMapping("/dashboard/distributions/new")
  String start(
      DashboardUser user,
      @RequestParam(name = "trigger", required = false) String trigger,
      Model model) {
    ObjectNode d = Json.object();
    if (trigger != null) {
      d.set("trigger", Json.object().put("type", trigger));
    }
    return pages.render(user, "trigger", d, null, model);
  }

  @PostMapping("/dashboard/distributions/new")
  String create(
      DashboardUser user,
      @RequestParam MultiValueMap<String, String> form,
      Model model,
      RedirectAttributes flash) {
    ObjectNode attempted = Json.object();
    try {
      ObjectNode created =
          tx.execute(
              s -> {
                ObjectNode body = triggerBody(user, form);
                attempted.setAll(body);
                return distributions.create(user.project(), Body.of(body, "invalid_distribution"));
              });
      return next(created.path("id").asString(), "trigger", WizardForms.one(form, "go"), flash);
    } catch (ApiException e) {
      return pages.render(user, "trigger", attempted, e.details(), model);
    }
  }

  @GetMapping("/dashboard/distributions/{id}/edit/{step}")
  String edit(DashboardUser user, @PathVariable String id, @PathVariable String step, Model model) {
    checkStep(step);
    return pages.render(user, step, distributions.get(user.project(), id), null, model);
  }

  @PostMapping("/dashboard/distributions/{id}/edit/{step}")
  String save(
      DashboardUser user,
      @PathVariable String id,
      @PathVariable String step,
      @RequestParam MultiValueMap<String, String> form,
      Model model,
      RedirectAttributes flash) {
    checkStep(step);
    String go = WizardForms.one(form, "go");
    ObjectNode current = distributions.get(user.project(), id);
    ObjectNode attempted = current.deepCopy();
    try {
      tx.executeWithoutResult(
          s -> {
            ObjectNode body = body(user, step, form, current, go);
            attempted.setAll(body);
            if (!body.isEmpty()) {
              distributions.update(user.project(), id, Body.of(body, "invalid_distribution"));
            }
            if ("send".equals(go) && !scheduled(current)) {
              distributions.send(user.project(), id);
            }
          });
    } catch (ApiException e) {
      return pages.render(user, step, attempted, e.details(), model);
    }
    if ("send".equals(go)) {
      ObjectNode sent = distributions.get(user.project(), id);
      flash.addFlashAttribute(
          "notice",
          scheduled(current)
              ? "Saved. It still goes out when the countdown ends."
              : "LIVE".equals(sent.path("status").asString())
                  ? "The distribution is live."
                  : "Scheduled: it goes out when the countdown ends. You can still edit or stop it.");
      return "redirect:/dashboard/distributions/" + id;
    }
    if (go != null && go.startsWith("block_")) {
      return "redirect:/dashboard/distributions/" + id + "/edit/channels#email-editor";
    }
    return next(id, step, go, flash);
  }

  /** A manual send in its countdown: editing keeps its send time (Save &amp; Send saves only). */
  static boolean scheduled(ObjectNode d) {
    return List.of("SCHEDULED", "WAITING_FOR_SEGMENT_SYNC").contains(d.path("status").asString());
  }

  private ObjectNode body(
      DashboardUser user,
      String step,
      MultiValueMap<String, String> form,
      ObjectNode current,
      String go) {
    return switch (step) {
      case "trigger" -> triggerBody(user, form);
      case "action" -> WizardForms.action(form);
      case "channels" -> {
        String trigger = current.path("trigger").path("type").asString(null);
        String action = current.path("action").path("type").asString(null);
        List<String> allowed = pages.allowedChannels(trigger, action);
        ArrayNode channels = ChannelForms.channels(form, allowed, go);
        yield Json.object().set("channels", channels);
      }
      default -> Json.object();
    };
  }

  /** The trigger step's body; creates the dialog's new segment first, when there is one. */
  private ObjectNode triggerBody(DashboardUser user, MultiValueMap<String, String> form) {
    ZoneId zone = views.zone(user.project());
    ObjectNode spec = pages.options().trigger(WizardForms.one(form, "trigger_type"));
    ObjectNode newSegment = WizardForms.newSegment(form);
    String newSegmentId = null;
    if (newSegment != null && usesNewSegment(form)) {
      newSegmentId =
          segments
              .create(user.project(), SegmentDraft.from(Body.of(newSegment, "invalid_segment")))
              .id();
    }
    return WizardForms.trigger(form, spec, newSegmentId, zone);
  }

  private static boolean usesNewSegment(MultiValueMap<String, String> form) {
    return form.values().stream().anyMatch(v -> v.contains("__new__"));
  }

  private static String next(String id, String step, String go, RedirectAttributes flash) {
    int i = STEPS.indexOf(step);
    if ("draft".equals(go)) {
      flash.addFlashAttribute("notice", "Draft saved. Continue any time from the list.");
      return "redirect:/dashboard/distributions";
    }
    String target =
        "back".equals(go)
            ? STEPS.get(Math.max(0, i - 1))
            : STEPS.get(Math.min(STEPS.size() - 1, i + 1));
    return "redirect:/dashboard/distributions/" + id + "/edit/" + target;
  }

  private static void checkStep(String step) {
    if (!STEPS.contains(step)) {
      throw ApiException.notFound("wizard step", step);
    }
  }

  /** htmx: the scope pickers (and audience) of the trigger just picked. */
  @GetMapping("/dashboard/wizard/scope")
  String scope(
      DashboardUser user,
      @RequestParam(name = "trigger_type", required = false) String trigger,
      Model model) {
    ObjectNode d = Json.object();
    if (trigger != null) {
      d.set("trigger", Json.object().put("type", trigger));
    }
    Map<String, Object> dm = Views.map(d);
    model.addAttribute("d", dm);
    pages.triggerModel(user, dm, model);
    return "dashboard/wizard-trigger :: scope";
  }

  /** htmx: a live preview of the email being edited, or the SMS character and segment count. */
  @PostMapping("/dashboard/wizard/preview/{channel}")
  String preview(
      DashboardUser user,
      @PathVariable String channel,
      @RequestParam MultiValueMap<String, String> form,
      Model model) {
    Map<String, Object> preview = pages.preview(user, channel, form);
    model.addAllAttributes(preview);
    return "dashboard/wizard-channels :: "
        + ("sms".equals(channel) ? "sms-count" : "email-preview");
  }
}
