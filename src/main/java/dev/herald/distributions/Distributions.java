package dev.herald.distributions;

import dev.herald.messaging.Attempt;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Message;
import dev.herald.messaging.MessageQuery;
import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Creating, editing and running distributions. */
@Service
public class Distributions {

  private final DistributionRepository repository;
  private final Messaging messaging;
  private final Clock clock;

  Distributions(DistributionRepository repository, Messaging messaging, Clock clock) {
    this.repository = repository;
    this.messaging = messaging;
    this.clock = clock;
  }

  /** Saves a new draft; every part is optional but must have the right shape. */
  @Transactional
  public ObjectNode create(ProjectId project, Body body) {
    DistributionDraft draft = DistributionDraft.from(body);
    Instant now = clock.instant();
    Distribution d =
        new Distribution(
            Ids.newId("distr_"),
            project,
            draft.name().orElse(null),
            DistributionStatus.DRAFT,
            draft.trigger().orElse(Json.object()),
            draft.audience().orElse(null),
            draft.action().orElse(null),
            draft.timeFrame().orElse(null),
            null,
            now,
            now);
    repository.insert(d);
    draft
        .channels()
        .ifPresent(channels -> messaging.saveChannels(project, d.id(), channels, false));
    return json(d);
  }

  /** Edits a draft or a paused distribution; parts left out stay as they are. */
  @Transactional
  public ObjectNode update(ProjectId project, String id, Body body) {
    Distribution current = lock(project, id);
    if (!current.editable()) {
      throw ApiException.conflict(
          "invalid_status",
          "A distribution can be edited as a draft or while paused, not in status "
              + current.status());
    }
    DistributionDraft draft = DistributionDraft.from(body);
    Distribution d =
        new Distribution(
            current.id(),
            project,
            draft.name().orElse(current.name()),
            current.status(),
            draft.trigger().orElse(current.trigger()),
            draft.audience().orElse(current.audience()),
            draft.action().orElse(current.action()),
            draft.timeFrameGiven() ? draft.timeFrame().orElse(null) : current.timeFrame(),
            current.liveSince(),
            current.createdAt(),
            clock.instant());
    boolean complete = d.status() != DistributionStatus.DRAFT;
    draft.channels().ifPresent(channels -> messaging.saveChannels(project, id, channels, complete));
    if (complete) {
      checkReady(d);
    }
    repository.update(d);
    return json(d);
  }

  /** "Save & Send": an automatic distribution goes live. */
  @Transactional
  public ObjectNode send(ProjectId project, String id) {
    Distribution current = lock(project, id);
    checkReady(current);
    Distribution live = current.goLive(clock.instant());
    repository.update(live);
    return json(live);
  }

  @Transactional
  public ObjectNode pause(ProjectId project, String id) {
    Distribution paused = lock(project, id).pause(clock.instant());
    repository.update(paused);
    return json(paused);
  }

  /** "Set live": a paused distribution goes live again; paused channels release held messages. */
  @Transactional
  public ObjectNode resume(ProjectId project, String id) {
    Distribution current = lock(project, id);
    Distribution live = current.resume(clock.instant());
    if (live != current) {
      checkReady(live);
      repository.update(live);
    }
    messaging.resumeChannels(project, id);
    return json(live);
  }

  @Transactional
  public void delete(ProjectId project, String id) {
    repository.update(lock(project, id).delete(clock.instant()));
  }

  public ObjectNode get(ProjectId project, String id) {
    return json(find(project, id));
  }

  public List<ObjectNode> list(
      ProjectId project,
      String status,
      String triggerType,
      String name,
      Instant createdBefore,
      Instant createdAfter,
      int limit,
      int offset) {
    return repository
        .list(
            project,
            new DistributionRepository.ListFilter(
                status, triggerType, name, createdBefore, createdAfter),
            limit,
            offset)
        .stream()
        .map(this::json)
        .toList();
  }

  public List<ObjectNode> messages(
      ProjectId project, String id, MessageQuery query, int limit, int offset) {
    find(project, id);
    List<Message> found = messaging.messages(project, id, query, limit, offset);
    return found.stream().map(messaging::messageJson).toList();
  }

  /** One message with its attempt log. */
  public ObjectNode message(ProjectId project, String id, String messageId) {
    find(project, id);
    Message m =
        messaging
            .message(project, messageId)
            .filter(found -> found.ownerId().equals(id))
            .orElseThrow(() -> ApiException.notFound("message", messageId));
    ObjectNode out = messaging.messageJson(m);
    ArrayNode log = Json.array();
    for (Attempt a : messaging.attempts(m.id())) {
      ObjectNode entry = Json.object();
      entry.put("attempt", a.attempt());
      entry.put("started_at", Times.format(a.startedAt()));
      entry.put("duration_ms", a.durationMs());
      entry.put("status_code", a.statusCode());
      entry.put("outcome", a.outcome());
      entry.put("error", a.error());
      entry.put("response", a.response());
      log.add(entry);
    }
    out.set("attempt_log", log);
    return out;
  }

  private void checkReady(Distribution d) {
    List<Channel> channels = messaging.channels(d.projectId(), d.id());
    DistributionDraft.checkComplete(d, channels.size());
    DistributionDraft.checkChannelTypes(d, channels.stream().map(Channel::type).toList());
    messaging.validateChannels(
        channels.stream()
            .map(c -> Body.of(messaging.channelJson(c), "invalid_distribution"))
            .toList(),
        true);
  }

  Distribution find(ProjectId project, String id) {
    return repository
        .find(project, id, false)
        .orElseThrow(() -> ApiException.notFound("distribution", id));
  }

  private Distribution lock(ProjectId project, String id) {
    return repository
        .find(project, id, true)
        .orElseThrow(() -> ApiException.notFound("distribution", id));
  }

  ObjectNode json(Distribution d) {
    ObjectNode out = Json.object();
    out.put("id", d.id());
    out.put("object", "distribution");
    out.put("name", d.name());
    out.put("status", d.status().name());
    out.set("trigger", d.trigger());
    out.set("audience", d.audience());
    out.set("action", d.action());
    ArrayNode channels = Json.array();
    messaging.channels(d.projectId(), d.id()).forEach(c -> channels.add(messaging.channelJson(c)));
    out.set("channels", channels);
    out.set("time_frame", d.timeFrame());
    out.put("set_live_at", Times.format(d.liveSince()));
    out.put("created_at", Times.format(d.createdAt()));
    out.put("updated_at", Times.format(d.updatedAt()));
    return out;
  }

  /** The short distribution object webhook payloads carry (Voucherify's SimpleDistribution). */
  static ObjectNode simple(Distribution d, List<Channel> channels) {
    ObjectNode out = Json.object();
    out.put("id", d.id());
    out.put("object", "distribution");
    out.put("name", d.name());
    out.put("created_at", Times.format(d.createdAt()));
    out.put("updated_at", Times.format(d.updatedAt()));
    out.put("status", d.status().voucherifyStatus());
    out.put("set_live_at", Times.format(d.liveSince()));
    ArrayNode types = Json.array();
    channels.stream().map(Channel::type).distinct().forEach(types::add);
    out.set("distribution_channels", types);
    return out;
  }
}
