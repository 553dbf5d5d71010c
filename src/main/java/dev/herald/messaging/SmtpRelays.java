package dev.herald.messaging;

import dev.herald.projects.Project;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Where a project's email goes — its own relay (integration {@code smtp}), the operator's ({@code
 * HERALD_SMTP_*}), or the sandbox — and a pool of connected SMTP transports per relay, so a busy
 * node reuses connections instead of a TCP + TLS + AUTH handshake per mail.
 */
@Component
class SmtpRelays implements DisposableBean {

  /** One relay: where, how, and the envelope sender. */
  record Relay(
      String host,
      int port,
      String user,
      String password,
      String from,
      String tls,
      boolean sandbox,
      boolean tenant) {

    String key() {
      return host
          + ":"
          + port
          + ":"
          + user
          + ":"
          + tls
          + ":"
          + (password == null ? 0 : password.hashCode());
    }
  }

  private final SmtpProperties operator;
  private final SandboxSmtp sandbox;
  private final Integrations integrations;
  private final WebhookProperties targets;
  private final Duration timeout;
  private final int poolSize;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<Pooled>> pools = new ConcurrentHashMap<>();

  /** A connected transport and since when it idles in the pool. */
  private record Pooled(Transport transport, long idleSince) {}

  /** Relays close idle connections after a while; never reuse one idle longer than this. */
  private static final long MAX_IDLE_NANOS = Duration.ofSeconds(30).toNanos();

  SmtpRelays(
      SmtpProperties operator,
      SandboxSmtp sandbox,
      Integrations integrations,
      WebhookProperties targets,
      ChannelProperties channels) {
    this.operator = operator;
    this.sandbox = sandbox;
    this.integrations = integrations;
    this.targets = targets;
    this.timeout = channels.lane("email").timeout();
    this.poolSize = Math.max(1, channels.lane("email").concurrency());
  }

  Relay relay(Project project) {
    java.util.Optional<JsonNode> own = integrations.of(project, "smtp");
    if (own.isPresent() && own.get().hasNonNull("host")) {
      JsonNode s = own.get();
      String tls = s.path("tls").asString("starttls");
      int port = s.path("port").asInt(tls.equals("tls") ? 465 : 587);
      return new Relay(
          s.path("host").asString(),
          port,
          s.path("user").asString(null),
          s.path("password").asString(null),
          s.path("from").asString(operator.from()),
          tls,
          false,
          true);
    }
    if (operator.configured()) {
      String tls = operator.tls() == null ? "starttls" : operator.tls();
      return new Relay(
          operator.host(),
          operator.port() == null ? 587 : operator.port(),
          blankToNull(operator.user()),
          blankToNull(operator.password()),
          blankToNull(operator.from()),
          tls,
          false,
          false);
    }
    return new Relay("127.0.0.1", sandbox.port(), null, null, null, "none", true, false);
  }

  Session session(Relay relay) {
    return sessions.computeIfAbsent(
        relay.key(),
        k -> {
          Properties p = new Properties();
          String protocol = relay.tls().equals("tls") ? "smtps" : "smtp";
          p.put("mail.transport.protocol", protocol);
          p.put("mail." + protocol + ".host", relay.host());
          p.put("mail." + protocol + ".port", Integer.toString(relay.port()));
          p.put("mail." + protocol + ".auth", Boolean.toString(relay.user() != null));
          p.put("mail." + protocol + ".connectiontimeout", Long.toString(timeout.toMillis()));
          p.put("mail." + protocol + ".timeout", Long.toString(timeout.toMillis()));
          p.put("mail." + protocol + ".writetimeout", Long.toString(timeout.toMillis()));
          p.put("mail." + protocol + ".localhost", "herald.local");
          if (relay.tls().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
          }
          return Session.getInstance(p);
        });
  }

  /**
   * Sends over a pooled connection; a connection that failed is closed, never reused. A reused
   * connection that turns out dead (the relay dropped it) is replaced once at once, so an idle pool
   * never costs a message its place in the retry schedule.
   */
  void send(Relay relay, MimeMessage message) throws MessagingException {
    if (relay.tenant() && !targets.allowPrivateTargets()) {
      refusePrivate(relay.host());
    }
    BlockingQueue<Pooled> pool =
        pools.computeIfAbsent(relay.key(), k -> new ArrayBlockingQueue<>(poolSize));
    Transport reused = borrow(pool);
    if (reused != null) {
      try {
        reused.sendMessage(message, message.getAllRecipients());
        giveBack(pool, reused);
        return;
      } catch (MessagingException | RuntimeException e) {
        close(reused);
        if (EmailChannel.smtpReply(e) != null) {
          throw e; // the relay answered: a real outcome, not a dead connection
        }
      }
    }
    Transport fresh = session(relay).getTransport();
    try {
      fresh.connect(relay.host(), relay.port(), relay.user(), relay.password());
      fresh.sendMessage(message, message.getAllRecipients());
      giveBack(pool, fresh);
    } catch (MessagingException | RuntimeException e) {
      close(fresh);
      throw e;
    }
  }

  private static Transport borrow(BlockingQueue<Pooled> pool) {
    Pooled p;
    while ((p = pool.poll()) != null) {
      if (p.transport().isConnected() && System.nanoTime() - p.idleSince() < MAX_IDLE_NANOS) {
        return p.transport();
      }
      close(p.transport());
    }
    return null;
  }

  private static void giveBack(BlockingQueue<Pooled> pool, Transport t) {
    if (!pool.offer(new Pooled(t, System.nanoTime()))) {
      close(t);
    }
  }

  private static void refusePrivate(String host) throws MessagingException {
    try {
      if (Arrays.stream(InetAddress.getAllByName(host)).anyMatch(TargetGuard::refused)) {
        throw new MessagingException("refused private or local SMTP relay " + host);
      }
    } catch (UnknownHostException e) {
      throw new MessagingException("unknown SMTP relay host " + host, e);
    }
  }

  private static void close(Transport t) {
    try {
      t.close();
    } catch (MessagingException | RuntimeException ignored) {
      // already broken
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public void destroy() {
    pools.values().forEach(q -> q.forEach(p -> close(p.transport())));
    pools.clear();
  }
}
