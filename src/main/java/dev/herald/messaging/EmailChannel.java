package dev.herald.messaging;

import dev.herald.customers.Customer;
import dev.herald.projects.Project;
import dev.herald.projects.Projects;
import dev.herald.shared.web.Body;
import dev.herald.templates.RenderInput;
import dev.herald.templates.RenderedEmail;
import dev.herald.templates.Templates;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The email channel: the message's template version rendered to HTML + text, sent as
 * multipart/alternative over SMTP (the project's relay, the operator's, or the sandbox), From the
 * brand's name, Reply-To the brand's email, with {@code List-Unsubscribe} and RFC 8058 one-click.
 * An SMTP 5xx is permanent (bad address, rejected), a 4xx or a network failure is retried.
 */
@Component
class EmailChannel implements ChannelAdapter {

  private final Templates templates;
  private final Projects projects;
  private final SmtpRelays relays;

  EmailChannel(Templates templates, Projects projects, SmtpRelays relays) {
    this.templates = templates;
    this.projects = projects;
    this.relays = relays;
  }

  @Override
  public String type() {
    return "email";
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
            t -> out.set("template", templates.checkEmail(t, context.triggerType(), complete)),
            () -> {
              if (complete) {
                throw body.invalid("template", "is required");
              }
            });
    if (complete && context.project() != null && !projects.get(context.project()).brandComplete()) {
      throw body.invalid(
          "type",
          "email needs the project's brand name and postal address (line_1, city, country) before"
              + " going live: set them with PUT /v1/projects/current");
    }
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
          "no_template", "the channel has no email template", null, null);
    }
    RenderedEmail email =
        templates.renderEmail(
            d.message().templateRef(), renderInput(d.message(), d.project(), d.customer()));
    SmtpRelays.Relay relay = relays.relay(d.project());
    MimeMessage mime;
    try {
      mime =
          EmailMessage.build(
              relays.session(relay),
              relay,
              d.project(),
              d.customer().email(),
              email,
              templates.unsubscribeUrl(d.project().id(), d.customer().id(), d.message().id()),
              d.message().id());
    } catch (AddressException e) {
      return new DeliveryResult.Permanent("invalid_address", e.getMessage(), null, null);
    } catch (MessagingException | UnsupportedEncodingException e) {
      return new DeliveryResult.Permanent("invalid_message", e.toString(), null, null);
    }
    return send(relay, mime);
  }

  DeliveryResult send(SmtpRelays.Relay relay, MimeMessage mime) {
    try {
      relays.send(relay, mime);
      return new DeliveryResult.Delivered(250, relay.sandbox() ? "sandbox" : relay.host());
    } catch (MessagingException | RuntimeException e) {
      return classify(e);
    }
  }

  /** What a message renders from: its variable snapshot ({@code data}) and its own facts. */
  static RenderInput renderInput(Message m, Project project, Customer customer) {
    ObjectNode data = (ObjectNode) m.context().path("data");
    if (!data.isObject()) {
      data = dev.herald.shared.json.Json.object();
    }
    return new RenderInput(project, m.customerId(), m.id(), m.voucherCode(), data);
  }

  /** The SMTP reply code in an exception chain, or null when the relay never answered. */
  static Integer smtpReply(Exception e) {
    for (Exception x = e; x != null; x = next(x)) {
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (x instanceof SMTPSenderFailedException s) {
        return s.getReturnCode();
      }
      if (x instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
        return s.getReturnCode();
      }
    }
    return null;
  }

  private static Exception next(Exception e) {
    if (e instanceof MessagingException m
        && m.getNextException() != null
        && m.getNextException() != e) {
      return m.getNextException();
    }
    return e.getCause() instanceof Exception c && c != e ? c : null;
  }

  static DeliveryResult classify(Exception e) {
    Integer code = smtpReply(e);
    String error = e.getMessage() == null ? e.toString() : e.getMessage().trim();
    if (code != null && code >= 500) {
      String reason = hasAddressFailure(e) ? "invalid_address" : "rejected_by_relay";
      return new DeliveryResult.Permanent(reason, "SMTP " + code + ": " + error, code, null);
    }
    if (code != null) {
      return new DeliveryResult.Retryable("SMTP " + code + ": " + error, code, null, null);
    }
    if (e instanceof AuthenticationFailedException) {
      return new DeliveryResult.Retryable("SMTP authentication failed: " + error, null, null, null);
    }
    return new DeliveryResult.Retryable(error, null, null, null);
  }

  private static boolean hasAddressFailure(Exception e) {
    for (Exception x = e; x != null; x = next(x)) {
      if (x instanceof SMTPAddressFailedException) {
        return true;
      }
    }
    return false;
  }
}
