package dev.herald.eventlog;

import java.time.Instant;

/**
 * A page of a customer's activity: newest first unless {@code ascending}; {@code startingAfterId}
 * continues after that event; optional time range and type.
 */
public record ActivityQuery(
    int limit,
    boolean ascending,
    String startingAfterId,
    Instant startDate,
    Instant endDate,
    String type) {}
