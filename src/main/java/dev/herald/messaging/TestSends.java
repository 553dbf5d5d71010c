package dev.herald.messaging;

import dev.herald.projects.Project;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.templates.Preview;
import dev.herald.templates.RenderedEmail;
import dev.herald.templates.Templates;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/templates/test-send}: renders a template like a preview and sends it at once to
 * the given address through the project's real email or SMS route (or the sandbox). Test sends are
 * not messages: no retries, not counted toward limits, their unsubscribe links change nothing.
 */
@Component
class TestSends {

  private final Templates templates;
  private final Projects projects;
  private final SmtpRelays relays;
  private final EmailChannel email;
  private final SmsChannel sms;

  TestSends(
      Templates templates,
      Projects projects,
      SmtpRelays relays,
      EmailChannel email,
      SmsChannel sms) {
    this.templates = templates;
    this.projects = projects;
    this.relays = relays;
    this.email = email;
    this.sms = sms;
  }

  ObjectNode send(ProjectId projectId, Body body) {
    String channel =
        body.oneOf("channel", List.of("email", "sms"))
            .orElseThrow(() -> body.invalid("channel", "is required (email or sms)"));
    String to = body.requiredString("to");
    if (channel.equals("email")) {
      try {
        new InternetAddress(to, true);
      } catch (AddressException e) {
        throw body.invalid("to", "is not a valid email address");
      }
    } else if (!to.matches("\\+?[0-9 ().-]{5,20}")) {
      throw body.invalid("to", "is not a valid phone number (E.164, like +14155550100)");
    }
    Preview preview = templates.preview(projectId, body);
    Project project = projects.get(projectId);
    String id = "test_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    DeliveryResult result =
        channel.equals("email")
            ? sendEmail(project, to, preview, id)
            : sms.send(project, to, preview.sms().text(), id);
    ObjectNode out = Json.object();
    out.put("object", "test_send");
    out.put("id", id);
    out.put("channel", channel);
    out.put("to", to);
    boolean delivered = result instanceof DeliveryResult.Delivered;
    out.put("status", delivered ? "DELIVERED" : "FAILED");
    out.put("error", delivered ? null : error(result));
    if (preview.email() != null) {
      out.put("subject", "[Test] " + preview.email().subject());
    }
    return out;
  }

  private DeliveryResult sendEmail(Project project, String to, Preview preview, String id) {
    RenderedEmail rendered = preview.email();
    RenderedEmail test =
        new RenderedEmail(
            "[Test] " + rendered.subject(),
            rendered.preheader(),
            rendered.html(),
            rendered.text(),
            rendered.images());
    SmtpRelays.Relay relay = relays.relay(project);
    try {
      MimeMessage mime =
          EmailMessage.build(
              relays.session(relay),
              relay,
              project,
              to,
              test,
              preview.customerId() == null
                  ? null
                  : templates.unsubscribeUrl(project.id(), preview.customerId(), "preview"),
              id);
      return email.send(relay, mime);
    } catch (MessagingException | UnsupportedEncodingException e) {
      return new DeliveryResult.Permanent("invalid_message", e.getMessage(), null, null);
    }
  }

  private static String error(DeliveryResult r) {
    if (r instanceof DeliveryResult.Retryable x) {
      return x.error();
    }
    return ((DeliveryResult.Permanent) r).error();
  }
}
