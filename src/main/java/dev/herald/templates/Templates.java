package dev.herald.templates;

import dev.herald.projects.ProjectId;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Message templates: the variable catalog per trigger, checking templates when they are saved,
 * versioned storage, rendering (email HTML + text, SMS with segment counts, webhook payloads),
 * previews, and the signed public links messages carry.
 */
@Service
public class Templates {

  private final TemplateStore store;
  private final PublicLinks links;
  private final Previews previews;

  Templates(TemplateStore store, PublicLinks links, Previews previews) {
    this.store = store;
    this.links = links;
    this.previews = previews;
  }

  // ---- variables

  /** Every trigger type the catalog knows (event type names, plus {@code manual}). */
  public List<String> triggerTypes() {
    return List.copyOf(VariableCatalog.triggers());
  }

  /** The variables a trigger's templates may use; {@code null} = every variable. */
  public List<Variable> variables(String triggerType) {
    return VariableCatalog.variables(triggerType);
  }

  /** The catalog of one trigger as JSON ({@code GET /v1/templates/variables?trigger_type=}). */
  public ObjectNode variablesJson(String triggerType) {
    ObjectNode out = Json.object();
    out.put("object", "list");
    out.put("data_ref", "variables");
    out.put("trigger_type", triggerType);
    ArrayNode vars = out.putArray("variables");
    for (Variable v : variables(triggerType)) {
      vars.add(
          Json.object()
              .put("path", v.path())
              .put("label", v.label())
              .put("kind", v.kind())
              .put("group", v.group()));
    }
    ArrayNode roots = out.putArray("data_keys");
    VariableCatalog.roots(triggerType).forEach(roots::add);
    out.put("total", vars.size());
    out.put("has_more", false);
    return out;
  }

  // ---- checking and storing

  /**
   * Checks an email template for a trigger ({@code null}: any trigger) and returns its normalized
   * JSON; a 400 names the field and the problem (unknown variable, malformed block, scripts).
   */
  public ObjectNode checkEmail(Body template, String triggerType, boolean complete) {
    return EmailTemplateParser.parse(template, triggerType, complete).json();
  }

  public ObjectNode checkSms(Body template, String triggerType, boolean complete) {
    return SmsTemplate.parse(template, triggerType, complete, true).json();
  }

  /**
   * Checks a webhook payload design (JSON, or designer text with typed placeholders) and returns
   * the variables it uses; throws {@link TemplateException} naming the problem.
   */
  public List<String> validatePayload(JsonNode design) {
    return validatePayload(design, null);
  }

  /** Like {@link #validatePayload(JsonNode)}; paths must start at a key of the trigger's data. */
  public List<String> validatePayload(JsonNode design, String triggerType) {
    if (!design.isObject() && !design.isArray() && !design.isString()) {
      throw new TemplateException("payload must be a JSON object or designer text");
    }
    List<String> variables = PayloadTemplate.sortedList(PayloadTemplate.variables(design));
    if (design.isString()) {
      PayloadTemplate.render(design, JsonNodeFactory.instance.objectNode());
    }
    VariableCatalog.checkRoots(triggerType, PayloadTemplate.variables(design));
    return variables;
  }

  /**
   * Saves checked template content as a new version of {@code templateId} (a new template when null
   * or unknown); unchanged content keeps the current version.
   */
  public TemplateRef save(ProjectId project, String templateId, String channel, JsonNode content) {
    return store.save(project, templateId, channel, content);
  }

  public Optional<JsonNode> content(ProjectId project, TemplateRef ref) {
    return store.content(project, ref);
  }

  /** A template's versions, newest first ({@code GET /v1/templates/{id}/versions}). */
  public List<ObjectNode> versions(ProjectId project, String templateId) {
    return store.versions(project, templateId).stream()
        .map(
            v ->
                Json.object()
                    .put("id", v.templateId())
                    .put("object", "template_version")
                    .put("channel", v.channel())
                    .put("version", v.version())
                    .put("created_at", Times.format(v.createdAt()))
                    .set("template", v.content()))
        .map(ObjectNode.class::cast)
        .toList();
  }

  // ---- rendering

  public RenderedEmail renderEmail(TemplateRef ref, RenderInput input) {
    EmailTemplate t = store.email(input.project().id(), ref);
    return EmailRenderer.render(t, new Resolver(input, links, t.style().inlineImages()));
  }

  public RenderedSms renderSms(TemplateRef ref, RenderInput input) {
    return store.sms(input.project().id(), ref).render(new Resolver(input, links, false));
  }

  /** Renders a payload design against a message's variables. */
  public JsonNode renderPayload(JsonNode design, JsonNode variables) {
    return PayloadTemplate.render(design, variables);
  }

  /** Replaces {@code {{path}}} placeholders in text. */
  public String interpolate(String text, JsonNode variables) {
    return PayloadTemplate.interpolate(text, variables);
  }

  /** Renders a preview or a test message ({@code POST /v1/templates/preview}). */
  public Preview preview(ProjectId project, Body request) {
    return previews.preview(project, request);
  }

  /** An email's HTML with inline images turned into data URIs, for display in a browser. */
  public String displayHtml(RenderedEmail email) {
    return Previews.displayHtml(email);
  }

  // ---- links

  /** The signed one-click unsubscribe link of a message (RFC 8058 {@code List-Unsubscribe}). */
  public String unsubscribeUrl(ProjectId project, String customerId, String messageId) {
    return links.url(
        "/public/unsubscribe/", PublicLinks.Kind.UNSUBSCRIBE, project, customerId, messageId);
  }

  /** The signed URL of a code's QR image ({@code qr = true}) or barcode. */
  public String codeImageUrl(ProjectId project, String code, boolean qr) {
    return links.url(
            "/public/codes/", qr ? PublicLinks.Kind.QR : PublicLinks.Kind.BARCODE, project, code)
        + ".png";
  }
}
