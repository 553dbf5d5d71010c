package dev.herald.templates;

import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** An SMS template: one text with variables ({@code {{qr_code}}} gives the QR image's URL). */
record SmsTemplate(Markup text, ObjectNode json) {

  static final int MAX_LENGTH = 1600;

  static SmsTemplate parse(Body b, String trigger, boolean complete, boolean checkVariables) {
    for (String field : b.node().propertyNames()) {
      if (!List.of("text").contains(field)) {
        throw b.invalid(field, "is not a field of an SMS template (it has text)");
      }
    }
    ObjectNode json = Json.object();
    String text = b.string("text").orElse("");
    if (text.isBlank()) {
      if (complete) {
        throw b.invalid("text", "is required");
      }
      return new SmsTemplate(Markup.EMPTY, json);
    }
    if (text.length() > MAX_LENGTH) {
      throw b.invalid("text", "is longer than " + MAX_LENGTH + " characters (10 segments)");
    }
    json.put("text", text);
    try {
      Markup m = Markup.text(text, Markup.Escape.NONE);
      if (checkVariables) {
        VariableCatalog.check(trigger, m.variables());
        if (m.variables().contains("brand_footer")) {
          throw new TemplateException(
              "uses {{brand_footer}}, which only custom HTML email can use");
        }
      }
      return new SmsTemplate(m, json);
    } catch (TemplateException e) {
      throw b.invalid("text", e.getMessage());
    }
  }

  RenderedSms render(Resolver r) {
    String out = text.render(r).strip();
    SmsSegments.Count count = SmsSegments.count(out);
    return new RenderedSms(out, count.encoding(), count.segments(), count.units());
  }
}
