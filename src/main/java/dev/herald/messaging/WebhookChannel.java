package dev.herald.messaging;

import dev.herald.projects.Project;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.templates.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook channel: a POST of Voucherify's envelope (or, with {@code raw_payload}, of the
 * designed JSON alone), signed, within the timeout; only a 2xx answer counts as delivered.
 */
@Component
class WebhookChannel implements ChannelAdapter, DisposableBean {

  private static final int RESPONSE_EXCERPT = 1024;

  private final WebhookProperties properties;
  private final Templates templates;
  private final Clock clock;
  private final CloseableHttpClient http;
  private final ScheduledThreadPoolExecutor deadlines = deadlineTimer();

  WebhookChannel(WebhookProperties properties, Templates templates, Clock clock) {
    this.properties = properties;
    this.templates = templates;
    this.clock = clock;
    Timeout timeout = Timeout.of(properties.timeout());
    PoolingHttpClientConnectionManager connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new TargetGuard(properties.allowPrivateTargets()))
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout)
                    .setSocketTimeout(timeout)
                    .build())
            .setMaxConnTotal(400)
            .setMaxConnPerRoute(100)
            .build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(connections)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .setUserAgent("Herald-Webhooks/1.0")
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(timeout)
                    .setConnectionRequestTimeout(timeout)
                    .build())
            .build();
  }

  /**
   * The timer of the sends' deadlines. A deadline is cancelled as soon as its send ends, usually
   * milliseconds later, and leaves the timer's queue then. Kept until its time (the timeout, 10 s
   * by default), every cancelled deadline stayed queued that long: tens of thousands under load,
   * each new one sorted in among them and carried by the collector into the old generation.
   */
  private static ScheduledThreadPoolExecutor deadlineTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "herald-webhook-deadline");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Deadlines of sends still running (a finished send's is gone). */
  int pendingDeadlines() {
    return deadlines.getQueue().size();
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public ObjectNode settings(Body body, boolean complete, ChannelContext context) {
    return WebhookSettings.read(
        body, complete, context, properties.allowPrivateTargets(), templates);
  }

  /** The payload design and raw option are the versioned template of a webhook channel. */
  @Override
  public JsonNode template(ObjectNode settings) {
    if (!settings.has("payload")) {
      return null;
    }
    ObjectNode template = Json.object();
    template.set("payload", settings.get("payload"));
    template.put("raw_payload", settings.path("raw_payload").asBoolean(false));
    return template;
  }

  @Override
  public DeliveryResult deliver(Delivery delivery) {
    return deliver(delivery.message(), delivery.channel(), delivery.project());
  }

  DeliveryResult deliver(Message message, Channel channel, Project project) {
    ObjectNode config = channel.config();
    String url = config.path("url").asString("");
    byte[] body = body(message, channel, project);
    String webhookId = "whs_" + message.id().substring(message.id().indexOf('_') + 1);
    long timestamp = clock.instant().getEpochSecond();
    HttpPost post;
    try {
      post = new HttpPost(URI.create(url));
    } catch (IllegalArgumentException e) {
      return new DeliveryResult.Permanent("invalid_url", "invalid URL " + url, null, null);
    }
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    for (Map.Entry<String, JsonNode> h : config.path("headers").properties()) {
      post.setHeader(h.getKey(), h.getValue().asString());
    }
    String secret = project.webhookSecret();
    post.setHeader("x-voucherify-signature", WebhookSigner.voucherify(secret, body));
    post.setHeader("webhook-id", webhookId);
    post.setHeader("webhook-timestamp", Long.toString(timestamp));
    post.setHeader("webhook-signature", WebhookSigner.standard(secret, webhookId, timestamp, body));
    ScheduledFuture<?> deadline =
        deadlines.schedule(post::cancel, properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      return http.execute(
          post,
          response -> {
            int status = response.getCode();
            String excerpt =
                excerpt(response.getEntity() == null ? null : response.getEntity().getContent());
            if (status >= 200 && status < 300) {
              return new DeliveryResult.Delivered(status, excerpt);
            }
            if (retryable(status)) {
              return new DeliveryResult.Retryable(
                  "HTTP " + status,
                  status,
                  excerpt,
                  retryAfter(response.getFirstHeader("Retry-After")));
            }
            return new DeliveryResult.Permanent(
                "rejected_by_receiver", "HTTP " + status, status, excerpt);
          });
    } catch (TargetGuard.RefusedTarget e) {
      return new DeliveryResult.Permanent("private_target", e.getMessage(), null, null);
    } catch (IOException | RuntimeException e) {
      String error =
          post.isCancelled()
              ? "timed out after " + properties.timeout().toSeconds() + " s"
              : e.toString();
      return new DeliveryResult.Retryable(error, null, null, null);
    } finally {
      deadline.cancel(false);
    }
  }

  private static boolean retryable(int status) {
    return status < 400
        || status == 408
        || status == 409
        || status == 425
        || status == 429
        || status >= 500;
  }

  /** The envelope of reference §3.2, or the designed payload alone when raw. */
  private byte[] body(Message message, Channel channel, Project project) {
    ObjectNode config = channel.config();
    ObjectNode context = message.context();
    JsonNode data = context.path("data");
    JsonNode design = design(message, channel, project);
    if (design.has("payload")) {
      data = templates.renderPayload(design.get("payload"), context.path("data"));
      if (design.path("raw_payload").asBoolean()) {
        return Json.bytes(data);
      }
    }
    ObjectNode envelope = Json.object();
    envelope.put("id", "whs_" + message.id().substring(message.id().indexOf('_') + 1));
    envelope.put("project_id", project.id().value());
    envelope.put("created_at", Times.format(message.createdAt()));
    envelope.put("type", config.path("event_name").asString(""));
    envelope.set("data", data);
    ObjectNode source = Json.object();
    source.put("id", message.ownerId());
    source.put("object", "distribution");
    source.put("target_url", config.path("url").asString(""));
    envelope.set("source", source);
    envelope.set("event", context.path("event").isObject() ? context.get("event") : Json.object());
    return Json.bytes(envelope);
  }

  /** The payload design the message was queued with (its template version), else the channel's. */
  private JsonNode design(Message message, Channel channel, Project project) {
    if (message.templateRef() != null) {
      java.util.Optional<JsonNode> versioned =
          templates.content(project.id(), message.templateRef());
      if (versioned.isPresent()) {
        return versioned.get();
      }
    }
    return channel.config();
  }

  private static String excerpt(InputStream in) throws IOException {
    if (in == null) {
      return null;
    }
    try (in) {
      byte[] bytes = in.readNBytes(RESPONSE_EXCERPT);
      return new String(bytes, StandardCharsets.UTF_8);
    }
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

  @Override
  public void destroy() throws IOException {
    deadlines.shutdownNow();
    http.close();
  }
}
