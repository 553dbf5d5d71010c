package dev.herald.messaging;

import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.templates.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mailchimp (Marketing API 3.0): writes the code into the customer's audience member — {@code PUT
 * /lists/{list_id}/members/{md5(lowercase email)}} (an upsert), merge fields {@code TAG} (the
 * code), {@code TAG_QR} and {@code TAG_BARCODE} (image URLs). It does not message the customer:
 * Mailchimp campaigns use the fields. New members get {@code status_if_new} (default {@code
 * transactional}: writing a code must not opt anyone into marketing).
 */
@Component
class MailchimpChannel implements ChannelAdapter {

  private final Projects projects;
  private final Integrations integrations;
  private final ProviderHttp http;
  private final Templates templates;

  MailchimpChannel(
      Projects projects, Integrations integrations, ProviderHttp http, Templates templates) {
    this.projects = projects;
    this.integrations = integrations;
    this.http = http;
    this.templates = templates;
  }

  @Override
  public String type() {
    return "mailchimp";
  }

  @Override
  public boolean addressesCustomer() {
    return true;
  }

  @Override
  public ObjectNode settings(Body body, boolean complete, ChannelContext context) {
    ChannelSettings.known(body, "list_id", "merge_tag", "status_if_new");
    ObjectNode out = ChannelSettings.common(body);
    body.string("list_id").ifPresent(l -> out.put("list_id", l));
    body.string("merge_tag")
        .ifPresent(
            t -> {
              if (!t.matches("[A-Z][A-Z0-9_]{0,29}")) {
                throw body.invalid(
                    "merge_tag", "must be upper-case letters, digits or _ (like COUPON)");
              }
              out.put("merge_tag", t);
            });
    out.put(
        "status_if_new",
        body.oneOf("status_if_new", List.of("transactional", "subscribed", "pending"))
            .orElse("transactional"));
    if (complete) {
      for (String field : List.of("list_id", "merge_tag")) {
        if (!out.has(field)) {
          throw body.invalid(field, "is required");
        }
      }
    }
    IntegrationChannels.requireConfigured(
        body, complete, context, projects, integrations, "mailchimp");
    return out;
  }

  @Override
  public DeliveryResult deliver(Delivery d) {
    Optional<JsonNode> creds = integrations.of(d.project(), "mailchimp");
    if (creds.isEmpty() || !creds.get().hasNonNull("api_key")) {
      return new DeliveryResult.Permanent("not_configured", "no Mailchimp API key", null, null);
    }
    String key = creds.get().path("api_key").asString();
    String base = creds.get().path("base_url").asString("");
    if (base.isBlank()) {
      int dash = key.lastIndexOf('-');
      if (dash < 0) {
        return new DeliveryResult.Permanent(
            "not_configured",
            "the Mailchimp API key has no data center suffix and no base_url is set",
            null,
            null);
      }
      base = "https://" + key.substring(dash + 1) + ".api.mailchimp.com/3.0";
    }
    Optional<IntegrationChannels.Code> code =
        IntegrationChannels.code(d.message(), d.project(), templates);
    if (code.isEmpty()) {
      return new DeliveryResult.Permanent("no_code", "the message carries no code", null, null);
    }
    ObjectNode config = d.channel().config();
    String email = d.customer().email().trim();
    String tag = config.path("merge_tag").asString();
    ObjectNode body = Json.object();
    body.put("email_address", email);
    body.put("status_if_new", config.path("status_if_new").asString("transactional"));
    ObjectNode merge = body.putObject("merge_fields");
    merge.put(tag, code.get().code());
    merge.put(tag + "_QR", code.get().qrUrl());
    merge.put(tag + "_BARCODE", code.get().barcodeUrl());
    HttpPut put =
        new HttpPut(
            base
                + "/lists/"
                + config.path("list_id").asString()
                + "/members/"
                + subscriberHash(email));
    put.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
    String auth =
        Base64.getEncoder().encodeToString(("herald:" + key).getBytes(StandardCharsets.UTF_8));
    try {
      ProviderHttp.Answer a =
          http.send(
              put, Map.of("Authorization", "Basic " + auth, "Accept", "application/json"), true);
      return a.ok()
          ? new DeliveryResult.Delivered(a.status(), a.body())
          : ProviderHttp.failure(a, "rejected_by_provider");
    } catch (IOException e) {
      return ProviderHttp.networkFailure(e);
    }
  }

  /** Mailchimp's member id: the MD5 of the lower-cased email address, in hex. */
  static String subscriberHash(String email) {
    try {
      byte[] md5 =
          MessageDigest.getInstance("MD5")
              .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
