package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A business fact. {@code data} is in Voucherify's webhook {@code data} shape for the type. {@code
 * causedBy} lists the distributions whose effects led to it and {@code depth} how many reactions
 * deep it is (the loop guard).
 */
public record Event(
    long seq,
    String id,
    ProjectId projectId,
    String type,
    String customerId,
    ObjectNode data,
    String groupId,
    String channel,
    List<String> causedBy,
    int depth,
    Instant createdAt) {}
