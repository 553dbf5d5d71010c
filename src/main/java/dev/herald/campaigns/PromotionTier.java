package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A tier of a PROMOTION campaign: a discount applied without a code, with a {@code banner}. */
public record PromotionTier(
    String id,
    ProjectId projectId,
    String campaignId,
    String name,
    String banner,
    JsonNode action,
    ObjectNode metadata,
    int hierarchy,
    boolean active,
    Validity validity,
    int redeemedCount,
    Instant createdAt,
    Instant updatedAt) {}
