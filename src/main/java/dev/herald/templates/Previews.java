package dev.herald.templates;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.projects.Project;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/templates/preview}: a template (checked like when saved) rendered against a real
 * customer (their profile over the trigger's sample data) or a given sample snapshot.
 */
@Component
class Previews {

  static final List<String> CHANNELS = List.of("email", "sms", "webhook");

  private final Projects projects;
  private final Customers customers;
  private final PublicLinks links;

  Previews(Projects projects, Customers customers, PublicLinks links) {
    this.projects = projects;
    this.customers = customers;
    this.links = links;
  }

  Preview preview(ProjectId projectId, Body body) {
    String channel =
        body.oneOf("channel", CHANNELS)
            .orElseThrow(() -> body.invalid("channel", "is required (email, sms or webhook)"));
    String trigger = body.string("trigger_type").orElse(null);
    if (trigger != null && !VariableCatalog.knows(trigger)) {
      throw body.invalid(
          "trigger_type",
          "is not a known trigger (see GET /v1/templates/variables); got '" + trigger + "'");
    }
    RenderInput input = input(projectId, body, trigger);
    Body template =
        body.object("template").orElseThrow(() -> body.invalid("template", "is required"));
    return switch (channel) {
      case "email" -> email(template, trigger, input);
      case "sms" -> sms(template, trigger, input);
      default -> webhook(template, trigger, input);
    };
  }

  /** The data to render: the trigger's sample, with a real customer or a given sample over it. */
  private RenderInput input(ProjectId projectId, Body body, String trigger) {
    Project project = projects.get(projectId);
    ObjectNode data = SampleData.forTrigger(trigger);
    String customerId = data.path("customer").path("id").asString(null);
    if (body.has("customer_id") && body.has("sample")) {
      throw body.invalid("customer_id", "and sample cannot both be given");
    }
    if (body.string("customer_id").isPresent()) {
      Customer customer = customers.get(projectId, body.string("customer_id").get());
      data.set("customer", customers.toJson(customer));
      customerId = customer.id();
    }
    if (body.object("sample").isPresent()) {
      merge(data, body.object("sample").get().node());
      customerId = data.path("customer").path("id").asString(customerId);
    }
    return new RenderInput(
        project, customerId, null, body.string("voucher_code").orElse(null), data);
  }

  private Preview email(Body template, String trigger, RenderInput input) {
    EmailTemplate t = EmailTemplateParser.parse(template, trigger, true);
    List<String> warnings = new ArrayList<>();
    if (!input.project().brandComplete()) {
      warnings.add(
          "brand name and postal address are missing (PUT /v1/projects/current brand):"
              + " email channels cannot go live until they are set");
    }
    RenderedEmail email =
        EmailRenderer.render(t, new Resolver(input, links, t.style().inlineImages()));
    return new Preview("email", trigger, input.customerId(), email, null, null, warnings);
  }

  private Preview sms(Body template, String trigger, RenderInput input) {
    SmsTemplate t = SmsTemplate.parse(template, trigger, true, true);
    RenderedSms sms = t.render(new Resolver(input, links, false));
    List<String> warnings = new ArrayList<>();
    if (sms.segments() > 1) {
      warnings.add("the message takes " + sms.segments() + " segments (" + sms.encoding() + ")");
    }
    return new Preview("sms", trigger, input.customerId(), null, sms, null, warnings);
  }

  private Preview webhook(Body template, String trigger, RenderInput input) {
    JsonNode design =
        template.raw("payload").orElseThrow(() -> template.invalid("payload", "is required"));
    try {
      VariableCatalog.checkRoots(trigger, PayloadTemplate.variables(design));
      JsonNode payload = PayloadTemplate.render(design, input.data());
      return new Preview("webhook", trigger, input.customerId(), null, null, payload, List.of());
    } catch (TemplateException e) {
      throw template.invalid("payload", e.getMessage());
    }
  }

  /** The HTML with inline images as data URIs, for showing a preview in a browser. */
  static String displayHtml(RenderedEmail email) {
    String html = email.html();
    for (InlineImage image : email.images()) {
      html =
          html.replace(
              "cid:" + image.contentId(),
              "data:"
                  + image.contentType()
                  + ";base64,"
                  + Base64.getEncoder().encodeToString(image.bytes()));
    }
    return html;
  }

  private static void merge(ObjectNode base, JsonNode overlay) {
    for (Map.Entry<String, JsonNode> e : overlay.properties()) {
      JsonNode current = base.get(e.getKey());
      if (current != null && current.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) current, e.getValue());
      } else {
        base.set(e.getKey(), e.getValue() == null ? Json.nullNode() : e.getValue());
      }
    }
  }
}
