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

  public NewMessage {
    if (!channel.ownerId().equals(ownerId)) {
      // the message key (owner, customer, channel, trigger) relies on it
      throw new IllegalArgumentException(
          "A message's owner is its channel's: " + ownerId + " vs " + channel.ownerId());
    }
  }

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

  /**
   * The message as inserted at {@code now} with this status; a {@code SENDING} one is claimed by a
   * node as it is queued (see {@link Handoff}), its first attempt counted.
   */
  Message inserted(String id, MessageStatus status, String reason, Instant now) {
    return new Message(
        id,
        projectId,
        ownerId,
        channel.id(),
        channel.type(),
        customerId,
        triggerId,
        status,
        reason,
        status == MessageStatus.SENDING ? 1 : 0,
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
