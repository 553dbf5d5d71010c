package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message to queue: one per (channel, trigger, customer). {@code triggerId} is the event id or
 * the manual run id; {@code context} is the variable snapshot the message renders from ({@code
 * event} metadata and the trigger's {@code data}); {@code base}, when given, is the event whose
 * data objects the snapshot shares (see {@link SnapshotBase}).
 */
public record NewMessage(
    ProjectId projectId,
    String ownerId,
    Channel channel,
    String customerId,
    String triggerId,
    ObjectNode context,
    String voucherCode,
    SnapshotBase base) {

  /** The template the channel renders with (null: none), as the message will record it. */
  String templateId() {
    return channel.config().path("template_id").asString(null);
  }

  /** The version of {@link #templateId} the message will render (null: none). */
  Integer templateVersion() {
    return channel.config().has("template_version")
        ? channel.config().get("template_version").asInt()
        : null;
  }

  /** The message this becomes once queued and claimed by a node at once (see {@link Handoff}). */
  Message claimed(String id, Instant now) {
    return new Message(
        id,
        projectId,
        ownerId,
        channel.id(),
        channel.type(),
        customerId,
        triggerId,
        MessageStatus.SENDING,
        null,
        1,
        0,
        now,
        context,
        voucherCode,
        null,
        now,
        now,
        null,
        templateId(),
        templateVersion(),
        false);
  }
}
