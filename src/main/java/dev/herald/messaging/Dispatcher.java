package dev.herald.messaging;

import dev.herald.projects.Project;
import dev.herald.projects.Projects;
import dev.herald.shared.work.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due messages: claims a batch ({@code SKIP LOCKED}, leased to this node), sends each
 * through its channel adapter outside any transaction, then records the attempt and the new state
 * in one transaction guarded by the lease. A node that dies mid-send loses nothing: the lease runs
 * out and another node sends the message.
 */
@Component
class Dispatcher implements Worker {

  static final String NAME = "messaging.dispatcher";
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final MessageRepository messages;
  private final ChannelRepository channels;
  private final Projects projects;
  private final Map<String, ChannelAdapter> adapters;
  private final RetryPolicy webhookRetries;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final int threads;
  private final int batchSize;
  private final String node = UUID.randomUUID().toString();

  Dispatcher(
      MessageRepository messages,
      ChannelRepository channels,
      Projects projects,
      List<ChannelAdapter> adapters,
      WebhookProperties webhook,
      Clock clock,
      TransactionTemplate tx,
      @Value("${herald.dispatcher.threads:4}") int threads,
      @Value("${herald.dispatcher.batch-size:20}") int batchSize) {
    this.messages = messages;
    this.channels = channels;
    this.projects = projects;
    this.adapters =
        adapters.stream().collect(Collectors.toMap(ChannelAdapter::type, Function.identity()));
    this.webhookRetries = new RetryPolicy(webhook.retrySchedule(), webhook.retryJitter());
    this.clock = clock;
    this.tx = tx;
    this.threads = threads;
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int threads() {
    return threads;
  }

  @Override
  public Duration pollInterval() {
    return Duration.ofMillis(500);
  }

  @Override
  public int runOnce() {
    Instant now = clock.instant();
    List<Message> claimed = messages.claim(node, now, now.plus(LEASE), batchSize);
    if (claimed.isEmpty()) {
      return 0;
    }
    Map<String, Channel> byId = new HashMap<>();
    channels
        .byIds(claimed.stream().map(Message::channelId).distinct().toList())
        .forEach(c -> byId.put(c.id(), c));
    Map<String, Project> projectsById = new HashMap<>();
    for (Message message : claimed) {
      Channel channel = byId.get(message.channelId());
      Project project =
          projectsById.computeIfAbsent(
              message.projectId().value(), id -> projects.get(message.projectId()));
      deliver(message, channel, project);
    }
    return claimed.size();
  }

  private void deliver(Message message, Channel channel, Project project) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    DeliveryResult result;
    ChannelAdapter adapter = channel == null ? null : adapters.get(channel.type());
    if (adapter == null) {
      result =
          new DeliveryResult.Permanent("channel_not_applicable", "no such channel", null, null);
    } else {
      try {
        result = adapter.deliver(message, channel, project);
      } catch (RuntimeException e) {
        log.error("Channel {} failed on message {}", channel.type(), message.id(), e);
        result = new DeliveryResult.Retryable(e.toString(), null, null, null);
      }
    }
    long durationMs = (System.nanoTime() - t0) / 1_000_000;
    record(message, result, started, durationMs);
  }

  private void record(Message m, DeliveryResult result, Instant started, long durationMs) {
    Instant now = clock.instant();
    tx.executeWithoutResult(
        status -> {
          boolean ours;
          String outcome;
          String error = null;
          if (result instanceof DeliveryResult.Delivered) {
            outcome = "DELIVERED";
            ours =
                messages.finish(
                    m.id(), node, MessageStatus.DELIVERED, null, null, false, null, now);
          } else if (result instanceof DeliveryResult.Retryable r) {
            outcome = "RETRYABLE";
            error = r.error();
            Instant next = webhookRetries.next(now, m.attempts(), r.retryAfter());
            ours =
                next == null
                    ? messages.finish(
                        m.id(),
                        node,
                        MessageStatus.FAILED,
                        "retries_exhausted",
                        error,
                        true,
                        null,
                        now)
                    : messages.finish(
                        m.id(), node, MessageStatus.RETRY_SCHEDULED, null, error, true, next, now);
          } else {
            DeliveryResult.Permanent p = (DeliveryResult.Permanent) result;
            outcome = "PERMANENT";
            error = p.error();
            ours =
                messages.finish(
                    m.id(), node, MessageStatus.FAILED, p.reason(), error, true, null, now);
          }
          if (ours) {
            messages.insertAttempt(
                m.id(),
                m.projectId().value(),
                m.attempts(),
                started,
                durationMs,
                result.statusCode(),
                outcome,
                error,
                result.response());
          }
        });
  }
}
