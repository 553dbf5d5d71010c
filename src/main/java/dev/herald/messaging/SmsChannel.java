package dev.herald.messaging;

import dev.herald.projects.Project;
import dev.herald.shared.web.Body;
import dev.herald.templates.RenderedSms;
import dev.herald.templates.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SMS channel: a Twilio-compatible provider ({@code POST
 * {base}/2010-04-01/Accounts/{sid}/Messages.json}, form-encoded {@code To, From, Body}, basic auth
 * {@code sid:token}) — the project's own ({@code sms} integration) or the operator's ({@code
 * HERALD_SMS_*}); without either, the SMS sandbox records it. 429 and 5xx are retried; a 4xx is
 * permanent (Twilio codes 21211/21614: invalid number; 21610: the recipient replied STOP).
 */
@Component
class SmsChannel implements ChannelAdapter {

  /** A provider: base URL, account, token, sender; {@code tenant} when the project set it. */
  record Provider(
      String baseUrl, String accountSid, String authToken, String from, boolean tenant) {}

  private final Templates templates;
  private final SmsProperties operator;
  private final Integrations integrations;
  private final ProviderHttp http;
  private final SandboxRepository sandbox;
  private final Clock clock;

  SmsChannel(
      Templates templates,
      SmsProperties operator,
      Integrations integrations,
      ProviderHttp http,
      SandboxRepository sandbox,
      Clock clock) {
    this.templates = templates;
    this.operator = operator;
    this.integrations = integrations;
    this.http = http;
    this.sandbox = sandbox;
    this.clock = clock;
  }

  @Override
  public String type() {
    return "sms";
  }

  @Override
  public boolean addressesCustomer() {
    return true;
  }

  @Override
  public ObjectNode settings(Body body, boolean complete, ChannelContext context) {
    ChannelSettings.known(body, "template");
    ObjectNode out = ChannelSettings.common(body);
    body.object("template")
        .ifPresentOrElse(
            t -> out.set("template", templates.checkSms(t, context.triggerType(), complete)),
            () -> {
              if (complete) {
                throw body.invalid("template", "is required");
              }
            });
    return out;
  }

  @Override
  public JsonNode template(ObjectNode settings) {
    return settings.get("template");
  }

  @Override
  public DeliveryResult deliver(Delivery d) {
    if (d.message().templateRef() == null) {
      return new DeliveryResult.Permanent(
          "no_template", "the channel has no SMS template", null, null);
    }
    RenderedSms sms =
        templates.renderSms(
            d.message().templateRef(),
            EmailChannel.renderInput(d.message(), d.project(), d.customer()));
    return send(d.project(), d.customer().phone(), sms.text(), d.message().id());
  }

  /** Sends one text to one number, through the project's provider or the sandbox. */
  DeliveryResult send(Project project, String to, String text, String messageId) {
    if (text.isBlank()) {
      return new DeliveryResult.Permanent("empty_message", "the SMS renders empty", null, null);
    }
    if (text.length() > 1600) {
      return new DeliveryResult.Permanent(
          "too_long", "the SMS renders longer than 1600 characters", null, null);
    }
    Optional<Provider> provider = provider(project);
    if (provider.isEmpty()) {
      sandbox.insert(
          project.id().value(),
          "sms",
          messageId,
          to,
          "sandbox",
          null,
          text,
          null,
          dev.herald.shared.json.Json.object(),
          clock.instant());
      return new DeliveryResult.Delivered(201, "sandbox");
    }
    Provider p = provider.get();
    HttpPost post =
        new HttpPost(p.baseUrl() + "/2010-04-01/Accounts/" + p.accountSid() + "/Messages.json");
    List<NameValuePair> form =
        List.of(
            new BasicNameValuePair("To", to),
            new BasicNameValuePair("From", p.from()),
            new BasicNameValuePair("Body", text));
    post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (p.accountSid() + ":" + p.authToken()).getBytes(StandardCharsets.UTF_8));
    try {
      ProviderHttp.Answer a =
          http.send(
              post,
              Map.of("Authorization", "Basic " + auth, "Accept", "application/json"),
              p.tenant());
      if (a.ok()) {
        return new DeliveryResult.Delivered(a.status(), a.body());
      }
      return ProviderHttp.failure(a, reason(a));
    } catch (IOException e) {
      return ProviderHttp.networkFailure(e);
    }
  }

  private static String reason(ProviderHttp.Answer a) {
    String body = a.body() == null ? "" : a.body();
    if (body.contains("\"code\":21211")
        || body.contains("\"code\": 21211")
        || body.contains("\"code\":21614")
        || body.contains("\"code\": 21614")) {
      return "invalid_phone";
    }
    if (body.contains("\"code\":21610") || body.contains("\"code\": 21610")) {
      return "unsubscribed";
    }
    return "rejected_by_provider";
  }

  Optional<Provider> provider(Project project) {
    Optional<JsonNode> own = integrations.of(project, "sms");
    if (own.isPresent() && Integrations.configured("sms", own.get())) {
      JsonNode s = own.get();
      return Optional.of(
          new Provider(
              s.path("base_url").asString(),
              s.path("account_sid").asString(),
              s.path("auth_token").asString(),
              s.path("from").asString(operator.from()),
              true));
    }
    if (operator.configured()) {
      String base = operator.baseUrl();
      return Optional.of(
          new Provider(
              base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
              operator.accountSid(),
              operator.authToken(),
              operator.from(),
              false));
    }
    return Optional.empty();
  }
}
