package dev.herald.customers;

import dev.herald.projects.ProjectId;
import java.time.Instant;
import java.time.LocalDate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A customer profile as stored. {@code address} is null until one is given. */
public record Customer(
    String id,
    ProjectId projectId,
    String sourceId,
    String name,
    String description,
    String email,
    String phone,
    LocalDate birthdate,
    ObjectNode address,
    ObjectNode metadata,
    boolean unsubscribed,
    ObjectNode consents,
    JsonNode summary,
    JsonNode loyalty,
    JsonNode referrals,
    Instant createdAt,
    Instant updatedAt) {}
