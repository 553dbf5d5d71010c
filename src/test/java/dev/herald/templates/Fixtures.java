package dev.herald.templates;

import dev.herald.projects.Project;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.PublicUrl;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renderer parts without Spring or a database: fixed link secret and base URL, a branded project.
 */
final class Fixtures {

  private Fixtures() {}

  static PublicLinks links() {
    LinkKeyRepository keys =
        new LinkKeyRepository(null, null, null) {
          @Override
          byte[] secret() {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) 7);
            return key;
          }
        };
    return new PublicLinks(keys, new PublicUrl("https://herald.example", null));
  }

  static Project project() {
    ObjectNode brand = Json.object().put("name", "Acme Shoes").put("email", "hello@acme.example");
    brand.set(
        "address",
        Json.object()
            .put("line_1", "1 Main Street")
            .put("postal_code", "1000-001")
            .put("city", "Lisbon")
            .put("country", "Portugal"));
    brand.put("privacy_url", "https://acme.example/privacy");
    brand.put("website", "https://acme.example");
    brand.put("phone", "+351 210 000 000");
    brand.put("logo_url", "https://acme.example/logo.png");
    brand.put("terms_url", "https://acme.example/terms");
    brand.put("permission_reminder", "You get this because you joined Acme Club.");
    return new Project(
        new ProjectId("proj_fixture"),
        "Acme",
        ZoneId.of("Europe/Lisbon"),
        "whsec_AAAA",
        brand,
        Json.object(),
        Instant.parse("2026-01-01T00:00:00Z"),
        null);
  }

  static RenderInput input(String trigger) {
    ObjectNode data = SampleData.forTrigger(trigger);
    return new RenderInput(project(), "cust_sample", "msg_fixture", null, data);
  }

  static RenderInput input(ObjectNode data) {
    return new RenderInput(project(), "cust_sample", "msg_fixture", null, data);
  }

  static Body body(String json) {
    return Body.of(Json.parse(json), "invalid_template");
  }

  static Body body(JsonNode json) {
    return Body.of(json, "invalid_template");
  }

  static RenderedEmail email(String templateJson, String trigger, RenderInput input) {
    EmailTemplate t = EmailTemplateParser.parse(body(templateJson), trigger, true);
    return EmailRenderer.render(t, new Resolver(input, links(), t.style().inlineImages()));
  }

  static RenderedSms sms(String templateJson, String trigger, RenderInput input) {
    return SmsTemplate.parse(body(templateJson), trigger, true, true)
        .render(new Resolver(input, links(), false));
  }
}
