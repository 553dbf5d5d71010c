package dev.herald.templates;

import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Validates and renders message templates. */
@Service
public class Templates {

  /**
   * Checks a webhook payload design (JSON, or designer text with typed placeholders) and returns
   * the variables it uses; throws {@link TemplateException} naming the problem.
   */
  public List<String> validatePayload(JsonNode design) {
    if (!design.isObject() && !design.isArray() && !design.isString()) {
      throw new TemplateException("payload must be a JSON object or designer text");
    }
    List<String> variables = PayloadTemplate.sortedList(PayloadTemplate.variables(design));
    if (design.isString()) {
      PayloadTemplate.render(
          design, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }
    return variables;
  }

  /** Renders a payload design against a message's variables. */
  public JsonNode renderPayload(JsonNode design, JsonNode variables) {
    return PayloadTemplate.render(design, variables);
  }

  /** Replaces {@code {{path}}} placeholders in text. */
  public String interpolate(String text, JsonNode variables) {
    return PayloadTemplate.interpolate(text, variables);
  }
}
