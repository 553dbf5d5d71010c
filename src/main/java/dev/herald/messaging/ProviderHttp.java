package dev.herald.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * HTTP to providers (SMS, Mailchimp, Braze), with pooled keep-alive connections. Base URLs an
 * operator configured are trusted; a project's own base URLs are tenant input, so they go through
 * the SSRF guard like webhooks (unless private targets are allowed).
 */
@Component
class ProviderHttp implements DisposableBean {

  /** What came back: status, the first KB of the body, and a Retry-After hint if any. */
  record Answer(int status, String body, Duration retryAfter) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** 429, 408 and 5xx are worth another try; other 4xx would fail the same way again. */
    boolean retryable() {
      return status == 408 || status == 425 || status == 429 || status >= 500;
    }
  }

  private static final int EXCERPT = 2048;

  private final CloseableHttpClient trusted;
  private final CloseableHttpClient guarded;
  private final Clock clock;

  ProviderHttp(WebhookProperties webhook, Clock clock) {
    this.clock = clock;
    this.trusted = client(new TargetGuard(true), Duration.ofSeconds(15));
    this.guarded = client(new TargetGuard(webhook.allowPrivateTargets()), Duration.ofSeconds(15));
  }

  private static CloseableHttpClient client(TargetGuard guard, Duration timeout) {
    Timeout t = Timeout.of(timeout);
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(guard)
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                .setMaxConnTotal(100)
                .setMaxConnPerRoute(50)
                .build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .setUserAgent("Herald/1.0")
        .setDefaultRequestConfig(
            RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t).build())
        .build();
  }

  /** Sends a request; throws IOException on network failure (a retryable outcome). */
  Answer send(HttpUriRequestBase request, Map<String, String> headers, boolean tenantUrl)
      throws IOException {
    headers.forEach(request::setHeader);
    return (tenantUrl ? guarded : trusted)
        .execute(
            request,
            response -> {
              String body = null;
              if (response.getEntity() != null) {
                try (InputStream in = response.getEntity().getContent()) {
                  body = new String(in.readNBytes(EXCERPT), StandardCharsets.UTF_8);
                }
              }
              return new Answer(
                  response.getCode(), body, retryAfter(response.getFirstHeader("Retry-After")));
            });
  }

  private Duration retryAfter(Header header) {
    if (header == null) {
      return null;
    }
    String value = header.getValue().trim();
    try {
      return Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException e2) {
        return null;
      }
    }
  }

  /** A request that got no answer: a refused private target is permanent, anything else retried. */
  static DeliveryResult networkFailure(IOException e) {
    if (e instanceof TargetGuard.RefusedTarget) {
      return new DeliveryResult.Permanent("private_target", e.getMessage(), null, null);
    }
    return new DeliveryResult.Retryable(e.toString(), null, null, null);
  }

  /** A failed answer as a delivery result: retryable or permanent with {@code reason}. */
  static DeliveryResult failure(Answer a, String permanentReason) {
    String error = "HTTP " + a.status();
    if (a.retryable()) {
      return new DeliveryResult.Retryable(error, a.status(), a.body(), a.retryAfter());
    }
    return new DeliveryResult.Permanent(permanentReason, error, a.status(), a.body());
  }

  @Override
  public void destroy() throws IOException {
    trusted.close();
    guarded.close();
  }
}
