package dev.herald.messaging;

import dev.herald.projects.Project;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.templates.TestTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The webhook adapter built the way production builds it, without the application around it, and
 * one message to deliver with it: for tests of what the adapter does on the wire.
 */
final class DirectWebhooks {

  private DirectWebhooks() {}

  static final Project PROJECT =
      new Project(
          new ProjectId("proj_hooks"),
          "hooks",
          ZoneId.of("UTC"),
          "whsec_c2VjcmV0",
          Json.object(),
          Json.object(),
          Instant.EPOCH,
          null);

  /** An adapter whose sends time out after {@code timeout}. */
  static WebhookChannel adapter(boolean allowPrivateTargets, Duration timeout) {
    return new WebhookChannel(
        new WebhookProperties(List.of(Duration.ofMinutes(1)), timeout, allowPrivateTargets, 0.0, 4),
        TestTemplates.create(),
        Clock.systemUTC());
  }

  /**
   * Delivers message {@code messageId} of a webhook channel to {@code url} with {@code adapter}.
   */
  static DeliveryResult deliver(WebhookChannel adapter, String url, String messageId) {
    Channel hook =
        new Channel(
            "dch_hooks",
            PROJECT.id(),
            "distr_hooks",
            0,
            "webhook",
            Json.object().put("url", url).put("event_name", "e"),
            "ACTIVE");
    Message message =
        new Message(
            messageId,
            PROJECT.id(),
            "distr_hooks",
            "dch_hooks",
            "webhook",
            "cust_hooks",
            "evcus_hooks",
            MessageStatus.SENDING,
            null,
            1,
            0,
            null,
            Json.object(),
            null,
            null,
            Instant.EPOCH,
            Instant.EPOCH,
            null,
            null,
            null,
            false);
    return adapter.deliver(message, hook, PROJECT);
  }
}
