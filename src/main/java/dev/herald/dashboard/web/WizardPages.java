package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import dev.herald.distributions.Distributions;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.templates.Preview;
import dev.herald.templates.TemplateException;
import dev.herald.templates.Templates;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The model of each wizard step, built from the distribution and the catalog. */
@Component
class WizardPages {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final WizardOptions options;
  private final Distributions distributions;
  private final Templates templates;
  private final Views views;

  WizardPages(
      WizardOptions options, Distributions distributions, Templates templates, Views views) {
    this.options = options;
    this.distributions = distributions;
    this.templates = templates;
    this.views = views;
  }

  WizardOptions options() {
    return options;
  }

  String render(DashboardUser user, String step, ObjectNode d, String error, Model model) {
    Map<String, Object> dm = Views.map(d);
    model.addAttribute("d", dm);
    model.addAttribute("step", step);
    model.addAttribute("steps", WizardController.STEPS);
    model.addAttribute("error", error);
    model.addAttribute("saved", d.has("id"));
    switch (step) {
      case "trigger" -> triggerModel(user, dm, model);
      case "action" -> actionModel(user, d, model);
      case "channels" -> channelsModel(d, model);
      default -> model.addAttribute("summary", summary(user, d));
    }
    return "dashboard/wizard-" + step;
  }

  void triggerModel(DashboardUser user, Map<String, Object> d, Model model) {
    String type = d.get("trigger") instanceof Map<?, ?> t ? (String) t.get("type") : null;
    ObjectNode spec = options.trigger(type);
    model.addAttribute("categories", options.triggersByCategory());
    model.addAttribute("spec", Views.map(spec));
    model.addAttribute("segments", options.segments(user.project()));
    List<String> kinds = new ArrayList<>();
    spec.path("scope").path("required").forEach(s -> kinds.add(s.path("kind").asString()));
    spec.path("scope").path("optional").forEach(s -> kinds.add(s.path("kind").asString()));
    Map<String, List<Map<String, Object>>> campaignsByKind = new HashMap<>();
    if (kinds.contains("campaign")) {
      campaignsByKind.put("campaign", options.campaigns(user.project(), null));
    }
    if (kinds.contains("loyalty_campaign")) {
      campaignsByKind.put("loyalty_campaign", options.campaigns(user.project(), "LOYALTY_PROGRAM"));
    }
    if (kinds.contains("referral_campaign")) {
      campaignsByKind.put(
          "referral_campaign", options.campaigns(user.project(), "REFERRAL_PROGRAM"));
    }
    if (kinds.contains("loyalty_tier")) {
      campaignsByKind.put("loyalty_tier", options.loyaltyTiers(user.project()));
    }
    model.addAttribute("campaignsByKind", campaignsByKind);
    model.addAttribute(
        "rules", kinds.contains("validation_rule") ? options.rules(user.project()) : List.of());
    ZoneId zone = views.zone(user.project());
    model.addAttribute("zone", zone);
    Map<String, Object> frame = PageMap.copy(Map.of());
    if (d.get("time_frame") instanceof Map<?, ?> tf) {
      for (String f : List.of("start_at", "end_at")) {
        if (tf.get(f) != null) {
          frame.put(f, LOCAL.format(Instant.parse(tf.get(f).toString()).atZone(zone)));
        }
      }
    }
    model.addAttribute("frame", frame);
  }

  private void actionModel(DashboardUser user, ObjectNode d, Model model) {
    String trigger = d.path("trigger").path("type").asString(null);
    if (trigger == null) {
      throw ApiException.badRequest("no_trigger", "Choose a trigger first");
    }
    List<Map<String, Object>> actions = new ArrayList<>();
    for (JsonNode a : options.trigger(trigger).path("actions")) {
      actions.add(Views.map(options.action(trigger, a.path("type").asString())));
    }
    model.addAttribute("actions", actions);
    model.addAttribute("campaigns", options.campaigns(user.project(), null));
    model.addAttribute("tiers", options.promotionTiers(user.project()));
    model.addAttribute("triggerLabel", options.trigger(trigger).path("label").asString());
  }

  private void channelsModel(ObjectNode d, Model model) {
    String trigger = d.path("trigger").path("type").asString(null);
    String action = d.path("action").path("type").asString(null);
    if (trigger == null || action == null) {
      throw ApiException.badRequest("no_action", "Choose a trigger and an action first");
    }
    model.addAttribute("allowed", allowedChannels(trigger, action));
    model.addAttribute("labels", options.channelLabels());
    Map<String, Object> byType = new LinkedHashMap<>();
    for (JsonNode c : d.path("channels")) {
      byType.put(c.path("type").asString(), Views.map(c));
    }
    model.addAttribute("channels", byType);
    model.addAttribute("variables", options.variables(trigger));
    model.addAttribute(
        "defaultBlocks",
        List.of(
            Map.of("type", "text", "html", "<p>Hi {{customer.name}}, here is your code:</p>"),
            Map.of("type", "code", "show", "text")));
    model.addAttribute("trigger", trigger);
    model.addAttribute(
        "carriesCode", options.action(trigger, action).path("carries_code").asBoolean());
  }

  List<String> allowedChannels(String trigger, String action) {
    List<String> out = new ArrayList<>();
    options.action(trigger, action).path("channels").forEach(c -> out.add(c.asString()));
    return out;
  }

  private Map<String, Object> summary(DashboardUser user, ObjectNode d) {
    if (!d.has("id")) {
      throw ApiException.badRequest("not_saved", "Save the first step first");
    }
    return Views.map(distributions.summary(user.project(), d.path("id").asString()));
  }

  /** Renders the email (HTML) or counts the SMS the editor currently holds. */
  Map<String, Object> preview(
      DashboardUser user, String channel, MultiValueMap<String, String> form) {
    ObjectNode request = Json.object();
    request.put("channel", "sms".equals(channel) ? "sms" : "email");
    String trigger = WizardForms.one(form, "trigger_type");
    if (trigger != null) {
      request.put("trigger_type", trigger);
    }
    request.set(
        "template",
        "sms".equals(channel)
            ? Json.object().put("text", String.valueOf(form.getFirst("sms.text")))
            : ChannelForms.email(form, null));
    Map<String, Object> out = new HashMap<>();
    try {
      Preview p = templates.preview(user.project(), Body.of(request, "invalid_preview"));
      if (p.sms() != null) {
        out.put("sms", p.sms());
      } else if (p.email() != null) {
        out.put("subject", p.email().subject());
        out.put("html", templates.displayHtml(p.email()));
      }
      out.put("warnings", p.warnings());
    } catch (ApiException e) {
      out.put("previewError", e.details());
    } catch (TemplateException e) {
      out.put("previewError", e.getMessage());
    }
    return out;
  }
}
