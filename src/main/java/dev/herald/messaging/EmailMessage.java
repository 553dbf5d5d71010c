package dev.herald.messaging;

import dev.herald.projects.Project;
import dev.herald.templates.InlineImage;
import dev.herald.templates.RenderedEmail;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;

/**
 * The MIME form of a rendered email: {@code multipart/alternative} of text and HTML (the HTML in a
 * {@code multipart/related} with its inline images when it has any), From the brand, Reply-To the
 * brand's email, {@code List-Unsubscribe} with RFC 8058 one-click, and a stable {@code Message-ID}
 * so a repeated send is recognisable.
 */
final class EmailMessage {

  static final String SANDBOX_FROM = "no-reply@herald.local";

  private EmailMessage() {}

  static MimeMessage build(
      Session session,
      SmtpRelays.Relay relay,
      Project project,
      String to,
      RenderedEmail email,
      String unsubscribeUrl,
      String messageId)
      throws MessagingException, UnsupportedEncodingException {
    String brandName = project.brand().path("name").asString(project.name());
    String fromAddress =
        relay.from() != null
            ? relay.from()
            : project.brand().path("email").asString(relay.sandbox() ? SANDBOX_FROM : "");
    if (fromAddress.isBlank()) {
      throw new MessagingException(
          "no sender address: set HERALD_SMTP_FROM, the smtp integration's from, or brand.email");
    }
    StableIdMessage mime = new StableIdMessage(session, messageId);
    mime.setFrom(new InternetAddress(fromAddress, brandName, "UTF-8"));
    String replyTo = project.brand().path("email").asString("");
    if (!replyTo.isBlank()) {
      mime.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo, brandName, "UTF-8")});
    }
    InternetAddress recipient = new InternetAddress(to, true);
    mime.setRecipient(Message.RecipientType.TO, recipient);
    mime.setSubject(email.subject(), "UTF-8");
    if (unsubscribeUrl != null) {
      mime.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
      mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    mime.setHeader(SandboxSmtp.MESSAGE_HEADER, messageId);
    if (relay.sandbox()) {
      mime.setHeader(SandboxSmtp.PROJECT_HEADER, project.id().value());
    }
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8", "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), "UTF-8", "html");
    if (email.images().isEmpty()) {
      alternative.addBodyPart(html);
    } else {
      MimeMultipart related = new MimeMultipart("related");
      related.addBodyPart(html);
      for (InlineImage image : email.images()) {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(
            new DataHandler(new ByteArrayDataSource(image.bytes(), image.contentType())));
        part.setContentID("<" + image.contentId() + ">");
        part.setDisposition(Part.INLINE);
        part.setFileName(image.contentId().replace('@', '.') + ".png");
        related.addBodyPart(part);
      }
      MimeBodyPart wrapper = new MimeBodyPart();
      wrapper.setContent(related);
      alternative.addBodyPart(wrapper);
    }
    mime.setContent(alternative);
    mime.saveChanges();
    return mime;
  }

  /** Keeps {@code Message-ID} the same on every attempt of one message. */
  private static final class StableIdMessage extends MimeMessage {
    private final String id;

    StableIdMessage(Session session, String messageId) {
      super(session);
      this.id = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + id + "@herald>");
    }
  }
}
