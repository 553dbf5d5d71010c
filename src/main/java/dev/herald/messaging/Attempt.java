package dev.herald.messaging;

import java.time.Instant;

/** One delivery attempt of a message, as recorded. */
public record Attempt(
    int attempt,
    Instant startedAt,
    long durationMs,
    Integer statusCode,
    String outcome,
    String error,
    String response) {}
