package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.work.Wakeups;
import dev.herald.templates.TemplateRef;
import dev.herald.templates.Templates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Channels, the message queue and its history. */
@Service
public class Messaging {

  private final ChannelRepository channels;
  private final MessageRepository messages;
  private final Map<String, ChannelAdapter> adapters;
  private final Wakeups wakeups;
  private final Templates templates;
  private final Integrations integrations;
  private final Projects projects;
  private final SandboxRepository sandbox;
  private final TestSends testSends;
  private final MessageListeners listeners;
  private final AudienceRepository audience;
  private final Handoff handoff;
  private final OutcomeRepository outcomes;
  private final Clock clock;

  Messaging(
      ChannelRepository channels,
      MessageRepository messages,
      List<ChannelAdapter> adapters,
      Wakeups wakeups,
      Templates templates,
      Integrations integrations,
      Projects projects,
      SandboxRepository sandbox,
      TestSends testSends,
      MessageListeners listeners,
      AudienceRepository audience,
      Handoff handoff,
      OutcomeRepository outcomes,
      Clock clock) {
    this.handoff = handoff;
    this.outcomes = outcomes;
    this.listeners = listeners;
    this.audience = audience;
    this.integrations = integrations;
    this.projects = projects;
    this.sandbox = sandbox;
    this.testSends = testSends;
    this.channels = channels;
    this.messages = messages;
    this.templates = templates;
    this.adapters =
        adapters.stream().collect(Collectors.toMap(ChannelAdapter::type, Function.identity()));
    this.wakeups = wakeups;
    this.clock = clock;
  }

  /** The channel types this node can deliver. */
  public List<String> channelTypes() {
    return adapters.keySet().stream().sorted().toList();
  }

  /**
   * Validates channel settings without saving them: a draft may be partial; {@code complete}
   * demands everything needed to send (for email: the project's brand name and postal address).
   * Templates may use the variables of {@code triggerType} (null: any trigger's).
   */
  public void validateChannels(
      ProjectId project, String triggerType, List<Body> specs, boolean complete) {
    for (Body spec : specs) {
      adapter(spec).settings(spec, complete, new ChannelContext(project, triggerType, null));
    }
  }

  /**
   * Replaces an owner's channels with {@code specs}, in order. A spec carrying the {@code id} of an
   * existing channel updates it (keeping its status); others are new; missing ones are removed.
   * Templates are checked against the variables of {@code triggerType} (null: any trigger's) and
   * saved as template versions; a changed template is a new version, and messages already queued
   * keep theirs.
   */
  @Transactional
  public List<Channel> saveChannels(
      ProjectId project, String ownerId, String triggerType, List<Body> specs, boolean complete) {
    Map<String, Channel> existing = new HashMap<>();
    channels.byOwner(project, ownerId).forEach(c -> existing.put(c.id(), c));
    Instant now = clock.instant();
    List<Channel> saved = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Body spec = specs.get(i);
      ChannelAdapter adapter = adapter(spec);
      String id = spec.string("id").orElse(null);
      Channel previous = id == null ? null : existing.get(id);
      if (id != null && previous == null) {
        throw spec.invalid("id", "is not a channel of this distribution");
      }
      ObjectNode settings =
          adapter.settings(spec, complete, new ChannelContext(project, triggerType, previous));
      versionTemplate(project, adapter, settings, previous);
      Channel channel =
          new Channel(
              previous == null ? Ids.newId("dch_") : id,
              project,
              ownerId,
              i,
              adapter.type(),
              settings,
              previous == null ? "ACTIVE" : previous.status());
      channels.upsert(channel, now);
      saved.add(channel);
    }
    channels.deleteOthers(project, ownerId, saved.stream().map(Channel::id).toList(), now);
    return saved;
  }

  /** Saves the channel's template as a version (the same one when unchanged) and references it. */
  private void versionTemplate(
      ProjectId project, ChannelAdapter adapter, ObjectNode settings, Channel previous) {
    JsonNode template = adapter.template(settings);
    if (template == null) {
      return;
    }
    String previousId =
        previous == null || !previous.type().equals(adapter.type())
            ? null
            : previous.config().path("template_id").asString(null);
    TemplateRef ref = templates.save(project, previousId, adapter.type(), template);
    settings.put("template_id", ref.id());
    settings.put("template_version", ref.version());
  }

  private ChannelAdapter adapter(Body spec) {
    String type = spec.requiredString("type");
    ChannelAdapter adapter = adapters.get(type);
    if (adapter == null) {
      throw spec.invalid(
          "type", "must be one of " + String.join(", ", channelTypes()) + " (got '" + type + "')");
    }
    return adapter;
  }

  /** The channels of several owners with one query, by owner id (owners without any left out). */
  public Map<String, List<Channel>> channelsOf(ProjectId project, Collection<String> ownerIds) {
    Map<String, List<Channel>> out = new LinkedHashMap<>();
    for (Channel c : channels.byOwners(project, ownerIds)) {
      out.computeIfAbsent(c.ownerId(), k -> new ArrayList<>()).add(c);
    }
    return out;
  }

  public List<Channel> channels(ProjectId project, String ownerId) {
    return channels.byOwner(project, ownerId);
  }

  /** Distributions whose email subject contains {@code term} (at most {@code limit}). */
  public List<String> ownersBySubject(ProjectId project, String term, int limit) {
    return channels.ownersBySubject(project, term, limit);
  }

  /**
   * Queues a message in the caller's transaction; false when this (channel, trigger, customer)
   * already has one. A paused channel's messages wait as {@code HELD}.
   */
  @Transactional
  public boolean enqueue(NewMessage m) {
    return enqueueAll(List.of(new Outgoing(m, null))).queued() == 1;
  }

  /** A message of a batch: queued, or recorded as skipped when {@code skipReason} is set. */
  public record Outgoing(NewMessage message, String skipReason) {}

  /** How many messages of a batch were queued (or held) and how many recorded as skipped. */
  public record Enqueued(int queued, int skipped) {}

  /**
   * Queues a batch of messages with one statement, in the caller's transaction (a manual send's
   * page of a thousand recipients); as {@link #enqueue} and {@link #skip} would one by one.
   */
  @Transactional
  public Enqueued enqueueAll(List<Outgoing> batch) {
    List<String> ids = new java.util.ArrayList<>(batch.size());
    List<NewMessage> messagesOut = new java.util.ArrayList<>(batch.size());
    List<MessageStatus> statuses = new java.util.ArrayList<>(batch.size());
    List<String> reasons = new java.util.ArrayList<>(batch.size());
    for (Outgoing o : batch) {
      ids.add(Ids.newId("msg_"));
      messagesOut.add(o.message());
      reasons.add(o.skipReason());
      statuses.add(
          o.skipReason() != null
              ? MessageStatus.SKIPPED
              : o.message().channel().paused() ? MessageStatus.HELD : MessageStatus.QUEUED);
    }
    Instant now = clock.instant();
    Handoff.Grant claim = claimHere(statuses, now);
    java.util.Set<String> inserted =
        new java.util.HashSet<>(
            messages.insertAll(ids, messagesOut, statuses, reasons, now, claim));
    List<MessageChange> changes = new java.util.ArrayList<>(inserted.size());
    List<Handoff.Handed> handed = new java.util.ArrayList<>(claim.count());
    int skipped = 0;
    boolean wake = false;
    for (int i = 0; i < ids.size(); i++) {
      if (!inserted.contains(ids.get(i))) {
        continue;
      }
      MessageStatus status = statuses.get(i);
      skipped += status == MessageStatus.SKIPPED ? 1 : 0;
      wake |= status == MessageStatus.QUEUED || status == MessageStatus.SENDING;
      if (status == MessageStatus.SENDING) {
        handed.add(
            new Handoff.Handed(
                messagesOut.get(i).inserted(ids.get(i), status, null, now), claim.leaseUntil()));
      }
      changes.add(
          MessageChange.inserted(ids.get(i), messagesOut.get(i), status, reasons.get(i), now));
    }
    handAfterCommit(handed, claim);
    listeners.recorded(changes);
    if (wake) {
      wakeups.wake(Dispatcher.NAME);
    }
    return new Enqueued(inserted.size() - skipped, skipped);
  }

  /**
   * Claims for this node's dispatcher as many of a batch's queued messages as it has room to take
   * in memory ({@link Handoff}): they are inserted as {@code SENDING} under its lease.
   */
  private Handoff.Grant claimHere(List<MessageStatus> statuses, Instant now) {
    int queued = 0;
    for (MessageStatus s : statuses) {
      queued += s == MessageStatus.QUEUED ? 1 : 0;
    }
    Handoff.Grant claim = handoff.reserve(queued, now);
    for (int i = 0, left = claim.count(); i < statuses.size() && left > 0; i++) {
      if (statuses.get(i) == MessageStatus.QUEUED) {
        statuses.set(i, MessageStatus.SENDING);
        left--;
      }
    }
    return claim;
  }

  /**
   * Hands the claimed messages to the dispatcher once they are committed, before the commit's
   * wake-ups run (so the woken dispatcher finds them); gives the places back otherwise.
   */
  private void handAfterCommit(List<Handoff.Handed> handed, Handoff.Grant claim) {
    handoff.release(claim.count() - handed.size()); // rows that were there already
    if (handed.isEmpty()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
          }

          @Override
          public void afterCommit() {
            if (!handoff.hand(handed)) {
              // the dispatcher stopped meanwhile: back to waiting, for whichever node runs next
              outcomes.releaseNow(
                  claim.node(),
                  clock.instant(),
                  handed.stream().map(Handoff.Handed::message).toList());
            }
          }

          @Override
          public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
              handoff.release(handed.size());
            }
          }
        });
  }

  /** Re-activates an owner's paused channels and releases their held messages in order. */
  @Transactional
  public int resumeChannels(ProjectId project, String ownerId) {
    Instant now = clock.instant();
    channels.setStatus(project, ownerId, "PAUSED", "ACTIVE", now);
    int released = messages.release(project, ownerId, now);
    if (released > 0) {
      wakeups.wake(Dispatcher.NAME);
    }
    return released;
  }

  public List<Message> messages(
      ProjectId project, String ownerId, MessageQuery query, int limit, int offset) {
    return messages.list(project, ownerId, query, limit, offset);
  }

  public java.util.Optional<Message> message(ProjectId project, String messageId) {
    return messages.find(project, messageId);
  }

  public List<Attempt> attempts(String messageId) {
    return messages.attempts(messageId);
  }

  /**
   * A page of an owner's recipients with each channel's latest message, ordered by customer id
   * (index probes per recipient; nothing counts or groups all the owner's messages).
   */
  public List<Recipient> audience(ProjectId project, String ownerId, AudienceQuery query) {
    return audience.page(project, ownerId, query);
  }

  /** The project's provider settings, credentials left out. */
  public ObjectNode integrations(ProjectId project) {
    return integrations.json(projects.get(project));
  }

  /** Partial update of the project's provider settings. */
  @Transactional
  public ObjectNode updateIntegrations(ProjectId project, Body body) {
    return integrations.json(integrations.update(project, body));
  }

  /** What the sandbox received for the project ({@code channel} email, sms, or null for both). */
  public List<ObjectNode> sandboxMessages(
      ProjectId project, String channel, int limit, int offset) {
    return sandbox.list(project, channel, limit, offset).stream()
        .map(
            r -> {
              ObjectNode out = Json.object();
              out.put("id", "sbx_" + r.id());
              out.put("object", "sandbox_message");
              out.put("channel", r.channel());
              out.put("message_id", r.messageId());
              out.put("to", r.to());
              out.put("from", r.from());
              out.put("subject", r.subject());
              out.put("text", r.text());
              out.put("html", r.html());
              out.set("headers", r.headers());
              out.put("received_at", Times.format(r.receivedAt()));
              return out;
            })
        .toList();
  }

  public long sandboxCount(ProjectId project, String channel) {
    return sandbox.count(project, channel);
  }

  /** Sends one rendered template to an address now ({@code POST /v1/templates/test-send}). */
  public ObjectNode testSend(ProjectId project, Body body) {
    return testSends.send(project, body);
  }

  public ObjectNode channelJson(Channel c) {
    return MessagingJson.channel(c);
  }

  public ObjectNode messageJson(Message m) {
    return MessagingJson.message(m);
  }
}
