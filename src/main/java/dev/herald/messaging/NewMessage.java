package dev.herald.messaging;

import dev.herald.projects.ProjectId;
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
    SnapshotBase base) {}
