package dev.herald.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook delivery: the delays between attempts ({@code HERALD_WEBHOOK_RETRY_SCHEDULE}, default
 * Voucherify's 12 doubling steps from 1 min to 24 h), the per-attempt timeout, whether private
 * targets are allowed, the random jitter added to each delay (a fraction of it), and how many
 * webhooks one node sends at once ({@code HERALD_WEBHOOK_CONCURRENCY}, default 64).
 */
@ConfigurationProperties("herald.webhook")
record WebhookProperties(
    List<Duration> retrySchedule,
    Duration timeout,
    boolean allowPrivateTargets,
    Double retryJitter,
    Integer concurrency) {

  WebhookProperties {
    if (retrySchedule == null || retrySchedule.isEmpty()) {
      retrySchedule =
          List.of(
              Duration.ofMinutes(1),
              Duration.ofMinutes(2),
              Duration.ofMinutes(4),
              Duration.ofMinutes(8),
              Duration.ofMinutes(16),
              Duration.ofMinutes(32),
              Duration.ofMinutes(64),
              Duration.ofMinutes(128),
              Duration.ofMinutes(256),
              Duration.ofMinutes(512),
              Duration.ofMinutes(1024),
              Duration.ofHours(24));
    }
    if (timeout == null) {
      timeout = Duration.ofSeconds(10);
    }
    if (retryJitter == null) {
      retryJitter = 0.1;
    }
    if (concurrency == null || concurrency < 1) {
      concurrency = 64;
    }
  }
}
