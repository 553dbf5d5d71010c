package dev.herald.messaging;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.shared.json.Json;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded sandbox SMTP server (GreenMail): with no relay configured, email is really sent over
 * SMTP to it, and what it receives is stored for {@code GET /v1/sandbox/messages} (in the database,
 * so any node lists what any node's sandbox received).
 */
@Component
class SandboxSmtp implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SandboxSmtp.class);
  static final String PROJECT_HEADER = "X-Herald-Project";
  static final String MESSAGE_HEADER = "X-Herald-Message-Id";

  private final SmtpProperties relay;
  private final SandboxRepository inbox;
  private final Clock clock;
  private final int configuredPort;
  private volatile GreenMail server;

  SandboxSmtp(
      SmtpProperties relay,
      SandboxRepository inbox,
      Clock clock,
      @Value("${herald.sandbox.smtp-port:0}") int configuredPort) {
    this.relay = relay;
    this.inbox = inbox;
    this.clock = clock;
    this.configuredPort = configuredPort;
  }

  /** The port the sandbox listens on (127.0.0.1). */
  int port() {
    GreenMail s = server;
    if (s == null) {
      throw new IllegalStateException("the sandbox SMTP server is not running");
    }
    return s.getSmtp().getPort();
  }

  @Override
  public synchronized void start() {
    if (relay.configured() || server != null) {
      return;
    }
    ServerSetup setup = new ServerSetup(configuredPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail greenMail = new GreenMail(configuredPort == 0 ? setup.dynamicPort() : setup);
    greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> new Mailbox());
    greenMail.start();
    server = greenMail;
    log.info(
        "No SMTP relay configured: email goes to the sandbox SMTP server on 127.0.0.1:{}", port());
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  @Override
  public int getPhase() {
    // Up before the dispatcher starts sending, down after it stopped.
    return Integer.MAX_VALUE - 8192;
  }

  private void store(MimeMessage m) throws MessagingException, IOException {
    ObjectNode headers = Json.object();
    for (String name :
        new String[] {
          "From",
          "Reply-To",
          "To",
          "Message-ID",
          "List-Unsubscribe",
          "List-Unsubscribe-Post",
          "Content-Type"
        }) {
      String value = m.getHeader(name, ", ");
      if (value != null) {
        headers.put(name, value);
      }
    }
    String[] parts = new String[2];
    collect(m, parts);
    inbox.insert(
        m.getHeader(PROJECT_HEADER, null),
        "email",
        m.getHeader(MESSAGE_HEADER, null),
        m.getHeader("To", ", "),
        m.getHeader("From", ", "),
        m.getSubject(),
        parts[0],
        parts[1],
        headers,
        clock.instant());
  }

  /** Finds the text/plain and text/html parts of a (nested) multipart message. */
  private static void collect(Part part, String[] out) throws MessagingException, IOException {
    if (part.isMimeType("text/plain") && out[0] == null) {
      out[0] = part.getContent().toString();
    } else if (part.isMimeType("text/html") && out[1] == null) {
      out[1] = part.getContent().toString();
    } else if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        collect(child, out);
      }
    }
  }

  /** Where the sandbox delivers every recipient's mail: into the sandbox table, nothing kept. */
  private final class Mailbox implements GreenMailUser {

    @Override
    public void deliver(MovingMessage message) {
      deliver(message.getMessage());
    }

    @Override
    public void deliver(MimeMessage message) {
      try {
        store(message);
      } catch (MessagingException | IOException e) {
        throw new IllegalStateException("cannot store a sandbox mail", e);
      }
    }

    @Override
    public String getEmail() {
      return "sandbox@herald.local";
    }

    @Override
    public String getLogin() {
      return "sandbox";
    }

    @Override
    public void create() {}

    @Override
    public void delete() {}

    @Override
    public String getPassword() {
      return "";
    }

    @Override
    public void setPassword(String password) {}

    @Override
    public void authenticate(String password) {}

    @Override
    public String getQualifiedMailboxName() {
      return "sandbox";
    }
  }
}
