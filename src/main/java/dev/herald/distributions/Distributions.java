package dev.herald.distributions;

import dev.herald.messaging.Attempt;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Message;
import dev.herald.messaging.MessageQuery;
import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.segments.Segments;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.templates.Templates;
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
  private final ManualSends manualSends;
  private final DistributionEvents events;
  private final References references;
  private final Summaries summaries;
  private final Templates templates;
  private final Segments segments;
  private final Clock clock;

  Distributions(
      DistributionRepository repository,
      Messaging messaging,
      ManualSends manualSends,
      DistributionEvents events,
      References references,
      Summaries summaries,
      Templates templates,
      Segments segments,
      Clock clock) {
    this.repository = repository;
    this.messaging = messaging;
    this.manualSends = manualSends;
    this.events = events;
    this.references = references;
    this.summaries = summaries;
    this.templates = templates;
    this.segments = segments;
    this.clock = clock;
  }

  /** Stores a changed distribution; a new status is also a fact in the event log. */
  private Distribution save(Distribution previous, Distribution next) {
    repository.update(next);
    if (previous.status() != next.status()) {
      events.statusChanged(next);
    }
    return next;
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
            now,
            Distribution.Run.NONE);
    repository.insert(d);
    draft
        .channels()
        .ifPresent(
            channels -> messaging.saveChannels(project, d.id(), d.triggerType(), channels, false));
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
            clock.instant(),
            current.run());
    boolean complete = d.status() != DistributionStatus.DRAFT;
    draft
        .channels()
        .ifPresent(
            channels -> messaging.saveChannels(project, id, d.triggerType(), channels, complete));
    if (complete) {
      checkReady(d);
    }
    repository.update(d);
    return json(d);
  }

  /**
   * "Save & Send": an automatic distribution goes live; a manual one is scheduled for now + the
   * manual delay, during which it can still be edited or canceled.
   */
  @Transactional
  public ObjectNode send(ProjectId project, String id) {
    Distribution current = lock(project, id);
    checkReady(current);
    activateSegments(current);
    Distribution next =
        current.manual() ? manualSends.schedule(current) : current.goLive(clock.instant());
    save(current, next);
    if (next.status() == DistributionStatus.LIVE
        && next.trigger().path("include_existing_members").asBoolean(false)
        && "customer.segment.entered".equals(next.triggerType())) {
      manualSends.sendToExistingMembers(next);
    }
    return json(next);
  }

  /**
   * A segment a distribution uses becomes active (a passive one starts emitting entered/left) and
   * is locked against edits.
   */
  private void activateSegments(Distribution d) {
    String scope = d.trigger().path("segment_id").asString(null);
    if (scope != null) {
      segments.activate(d.projectId(), scope);
    }
    String audience = ManualSends.segmentOf(d);
    if (audience != null) {
      segments.activate(d.projectId(), audience);
    }
  }

  /** Stops a live distribution firing, or a manual send in progress (resume goes on from there). */
  @Transactional
  public ObjectNode pause(ProjectId project, String id) {
    Distribution current = lock(project, id);
    return json(save(current, current.pause(clock.instant())));
  }

  /** "Set live": a paused distribution goes on; paused channels release held messages. */
  @Transactional
  public ObjectNode resume(ProjectId project, String id) {
    Distribution current = lock(project, id);
    Distribution resumed = current.resume(clock.instant());
    if (resumed != current) {
      checkReady(resumed);
      save(current, resumed);
      if (resumed.manual()) {
        manualSends.resumeSending(resumed);
      }
    }
    messaging.resumeChannels(project, id);
    return json(resumed);
  }

  /**
   * Stops a manual send still in its delay window. One compare-and-set against the sender's start:
   * the cancel wins (nothing is sent) or it is too late (409 {@code too_late}), never both.
   */
  @Transactional
  public ObjectNode cancel(ProjectId project, String id) {
    Distribution current = lock(project, id);
    if (!current.manual()) {
      throw ApiException.conflict(
          "invalid_status", "Only a manual distribution can be canceled; pause this one");
    }
    if (!current.status().beforeSending()) {
      throw ApiException.conflict(
          "too_late",
          "The distribution is "
              + current.status()
              + "; it can be canceled only before sending starts");
    }
    Instant now = clock.instant();
    Distribution canceled =
        current
            .withStatus(DistributionStatus.CANCELED, null, now)
            .withRun(current.run().finished(now, "canceled"), now);
    return json(save(current, canceled));
  }

  @Transactional
  public void delete(ProjectId project, String id) {
    Distribution current = lock(project, id);
    save(current, current.delete(clock.instant()));
  }

  /** The configuration in words and a dry run, before anything is sent. */
  public ObjectNode summary(ProjectId project, String id) {
    Distribution d = find(project, id);
    return summaries.summarize(d, () -> checkReady(d));
  }

  /** Every trigger, action and channel a distribution may combine. */
  public ObjectNode catalog() {
    return CatalogJson.render(type -> templates.variablesJson(type).get("variables"));
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

  /**
   * A keyset page of the list, newest first: up to {@code limit} distributions after the one with
   * id {@code afterId} (null: from the newest). Deep pages cost what the first one does. {@code
   * name} matches the name or an email channel's subject.
   */
  static final int SUBJECT_MATCHES = 1000;

  public List<ObjectNode> listAfter(
      ProjectId project,
      String status,
      String triggerType,
      String name,
      Instant createdBefore,
      Instant createdAfter,
      String afterId,
      int limit) {
    return repository
        .list(
            project,
            new DistributionRepository.ListFilter(
                status,
                triggerType,
                name,
                createdBefore,
                createdAfter,
                afterId,
                name == null
                    ? List.of()
                    : messaging.ownersBySubject(project, name, SUBJECT_MATCHES)),
            limit,
            0)
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
    DistributionDraft.checkComplete(d, channels.stream().map(Channel::type).toList());
    references.check(d);
    messaging.validateChannels(
        d.projectId(),
        d.triggerType(),
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
    if (d.manual()) {
      Distribution.Run run = d.run();
      out.put("send_at", Times.format(run.sendAt()));
      ObjectNode progress = Json.object();
      progress.put("total", run.total());
      progress.put("done", run.done());
      progress.put("started_at", Times.format(run.startedAt()));
      progress.put("finished_at", Times.format(run.finishedAt()));
      progress.put("failure_reason", run.failureReason());
      out.set("progress", progress);
    }
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
    ObjectNode parameters = Json.object();
    parameters.put("method", d.manual() ? "direct" : "automation");
    parameters.put("trigger", d.triggerType());
    if (d.action() != null) {
      d.action()
          .properties()
          .forEach(
              e -> {
                if (!e.getKey().equals("type")) {
                  parameters.set(e.getKey(), e.getValue());
                }
              });
    }
    out.set("parameters", parameters);
    out.set("consents", Json.object().put("disabled", true));
    out.put("set_live_at", Times.format(d.liveSince()));
    ArrayNode types = Json.array();
    channels.stream().map(Channel::type).distinct().forEach(types::add);
    out.set("distribution_channels", types);
    return out;
  }
}
