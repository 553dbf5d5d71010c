package dev.herald.messaging;

import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.templates.Templates;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Braze: writes custom attributes on the user whose {@code external_id} is the customer's {@code
 * source_id} ({@code POST /users/track}, Bearer REST API key; Braze creates the user if missing):
 * {@code <attribute>} = the code, {@code <attribute>_qr} and {@code <attribute>_barcode} = image
 * URLs; for a promotion (no code) {@code <attribute>} = the tier's name and {@code <attribute>_id}
 * its id. Braze campaigns use the attributes; the customer is not messaged by Herald.
 */
@Component
class BrazeChannel implements ChannelAdapter {

  private final Projects projects;
  private final Integrations integrations;
  private final ProviderHttp http;
  private final Templates templates;

  BrazeChannel(
      Projects projects, Integrations integrations, ProviderHttp http, Templates templates) {
    this.projects = projects;
    this.integrations = integrations;
    this.http = http;
    this.templates = templates;
  }

  @Override
  public String type() {
    return "braze";
  }

  @Override
  public boolean addressesCustomer() {
    return true;
  }

  @Override
  public ObjectNode settings(Body body, boolean complete, ChannelContext context) {
    ChannelSettings.known(body, "attribute");
    ObjectNode out = ChannelSettings.common(body);
    body.string("attribute")
        .ifPresentOrElse(
            a -> {
              if (!a.matches("[A-Za-z][A-Za-z0-9_]{0,99}")) {
                throw body.invalid("attribute", "must be letters, digits or _ (like voucher_code)");
              }
              out.put("attribute", a);
            },
            () -> {
              if (complete) {
                throw body.invalid("attribute", "is required");
              }
            });
    IntegrationChannels.requireConfigured(body, complete, context, projects, integrations, "braze");
    return out;
  }

  @Override
  public DeliveryResult deliver(Delivery d) {
    Optional<JsonNode> creds = integrations.of(d.project(), "braze");
    if (creds.isEmpty() || !Integrations.configured("braze", creds.get())) {
      return new DeliveryResult.Permanent(
          "not_configured", "no Braze API key and base URL", null, null);
    }
    String attribute = d.channel().config().path("attribute").asString();
    ObjectNode user = Json.object();
    user.put("external_id", d.customer().sourceId());
    Optional<IntegrationChannels.Code> code =
        IntegrationChannels.code(d.message(), d.project(), templates);
    if (code.isPresent()) {
      user.put(attribute, code.get().code());
      user.put(attribute + "_qr", code.get().qrUrl());
      user.put(attribute + "_barcode", code.get().barcodeUrl());
    } else {
      JsonNode tier = d.message().context().path("data").path("promotion_tier");
      if (!tier.isObject()) {
        return new DeliveryResult.Permanent(
            "no_code", "the message carries no code or promotion", null, null);
      }
      user.put(attribute, tier.path("name").asString(""));
      user.put(attribute + "_id", tier.path("id").asString(""));
    }
    ObjectNode body = Json.object();
    body.putArray("attributes").add(user);
    HttpPost post = new HttpPost(creds.get().path("base_url").asString() + "/users/track");
    post.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
    try {
      ProviderHttp.Answer a =
          http.send(
              post,
              Map.of(
                  "Authorization",
                  "Bearer " + creds.get().path("api_key").asString(),
                  "Accept",
                  "application/json"),
              true);
      if (!a.ok()) {
        return ProviderHttp.failure(a, "rejected_by_provider");
      }
      JsonNode answer = parse(a.body());
      if (answer.path("errors").isArray()
          && !answer.path("errors").isEmpty()
          && answer.path("attributes_processed").asInt(0) == 0) {
        return new DeliveryResult.Permanent(
            "rejected_by_provider", "Braze processed no attributes", a.status(), a.body());
      }
      return new DeliveryResult.Delivered(a.status(), a.body());
    } catch (IOException e) {
      return ProviderHttp.networkFailure(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return Json.parse(body);
    } catch (RuntimeException e) {
      return Json.object();
    }
  }
}
