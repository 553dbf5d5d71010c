package dev.herald.shared.work;

import tools.jackson.databind.JsonNode;

/** One claimed row of a task queue. {@code attempts} counts claims, this one included. */
public record Task(
    long id, String queue, String projectId, String key, JsonNode payload, int attempts) {}
