package dev.herald.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's SMTP relay ({@code HERALD_SMTP_HOST/PORT/USER/PASSWORD/FROM/TLS}). Without a host,
 * email goes to the embedded sandbox SMTP server unless a project configured its own relay. {@code
 * tls}: {@code starttls} (default), {@code tls} (implicit, port 465) or {@code none}.
 */
@ConfigurationProperties("herald.smtp")
record SmtpProperties(
    String host, Integer port, String user, String password, String from, String tls) {

  boolean configured() {
    return host != null && !host.isBlank();
  }
}
