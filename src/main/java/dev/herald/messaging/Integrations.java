package dev.herald.messaging;

import dev.herald.projects.Project;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project's provider settings ({@code GET/PUT /v1/projects/current/integrations}): Mailchimp,
 * Braze, an SMS provider and an SMTP relay of its own. Kept in the project's settings (section
 * {@code integrations}, through {@link Projects#updateSettings}); credentials are write-only.
 */
@Component
class Integrations {

  /** Each provider's fields; {@code secret} ones are never returned. */
  record Field(String name, String kind, boolean secret) {}

  static final Map<String, List<Field>> PROVIDERS =
      Map.of(
          "mailchimp",
          List.of(new Field("api_key", "string", true), new Field("base_url", "url", false)),
          "braze",
          List.of(new Field("api_key", "string", true), new Field("base_url", "url", false)),
          "sms",
          List.of(
              new Field("base_url", "url", false),
              new Field("account_sid", "string", false),
              new Field("auth_token", "string", true),
              new Field("from", "string", false)),
          "smtp",
          List.of(
              new Field("host", "string", false),
              new Field("port", "port", false),
              new Field("user", "string", false),
              new Field("password", "string", true),
              new Field("from", "email", false),
              new Field("tls", "tls", false)));
  static final List<String> ORDER = List.of("mailchimp", "braze", "sms", "smtp");

  private final Projects projects;

  Integrations(Projects projects) {
    this.projects = projects;
  }

  /** One provider's stored settings, or empty when the project has none. */
  Optional<JsonNode> of(Project project, String provider) {
    JsonNode p = project.settings().path("integrations").path(provider);
    return p.isObject() && !p.isEmpty() ? Optional.of(p) : Optional.empty();
  }

  ObjectNode json(Project project) {
    ObjectNode out = Json.object();
    out.put("object", "integrations");
    for (String provider : ORDER) {
      ObjectNode p = out.putObject(provider);
      JsonNode stored = of(project, provider).orElse(Json.object());
      p.put("configured", configured(provider, stored));
      for (Field f : PROVIDERS.get(provider)) {
        if (f.secret()) {
          p.put(f.name() + "_set", stored.hasNonNull(f.name()));
        } else {
          p.set(f.name(), stored.hasNonNull(f.name()) ? stored.get(f.name()) : Json.nullNode());
        }
      }
    }
    return out;
  }

  static boolean configured(String provider, JsonNode stored) {
    return switch (provider) {
      case "mailchimp" -> stored.hasNonNull("api_key");
      case "braze" -> stored.hasNonNull("api_key") && stored.hasNonNull("base_url");
      case "sms" ->
          stored.hasNonNull("base_url")
              && stored.hasNonNull("account_sid")
              && stored.hasNonNull("auth_token");
      default -> stored.hasNonNull("host");
    };
  }

  /** Partial update: a provider given as null is removed; a field given as null is cleared. */
  Project update(ProjectId id, Body body) {
    Project project = projects.get(id);
    ObjectNode all = Json.objectOrEmpty(project.settings().path("integrations"));
    for (String name : body.node().propertyNames()) {
      if (!PROVIDERS.containsKey(name)) {
        throw body.invalid(name, "is not a known integration (" + String.join(", ", ORDER) + ")");
      }
      if (body.isNull(name)) {
        all.remove(name);
        continue;
      }
      Body given = body.object(name).orElseThrow();
      ObjectNode provider = Json.objectOrEmpty(all.get(name));
      for (String field : given.node().propertyNames()) {
        Field f =
            PROVIDERS.get(name).stream()
                .filter(x -> x.name().equals(field))
                .findFirst()
                .orElseThrow(() -> given.invalid(field, "is not a setting of " + name));
        if (given.isNull(field)) {
          provider.remove(field);
        } else {
          provider.set(field, value(given, f));
        }
      }
      if (provider.isEmpty()) {
        all.remove(name);
      } else {
        all.set(name, provider);
      }
    }
    return projects.updateSettings(id, "integrations", all);
  }

  private static JsonNode value(Body b, Field f) {
    switch (f.kind()) {
      case "port" -> {
        long port = b.integer(f.name()).orElseThrow();
        if (port < 1 || port > 65535) {
          throw b.invalid(f.name(), "must be a port number (1-65535)");
        }
        return Json.object().put("v", port).get("v");
      }
      case "url" -> {
        String url = b.requiredString(f.name());
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://"))) {
          throw b.invalid(f.name(), "must be an absolute http or https URL");
        }
        return Json.object()
            .put("v", url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
            .get("v");
      }
      case "email" -> {
        String email = b.requiredString(f.name());
        if (!email.matches("[^@\\s<>]+@[^@\\s<>]+")) {
          throw b.invalid(f.name(), "must be an email address");
        }
        return Json.object().put("v", email).get("v");
      }
      case "tls" -> {
        return Json.object()
            .put("v", b.oneOf(f.name(), List.of("starttls", "tls", "none")).orElseThrow())
            .get("v");
      }
      default -> {
        return Json.object().put("v", b.requiredString(f.name())).get("v");
      }
    }
  }
}
