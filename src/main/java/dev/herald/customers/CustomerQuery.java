package dev.herald.customers;

import java.time.Instant;

/**
 * Filters of {@code GET /v1/customers}; a null field does not filter. {@code startingAfter} is the
 * SDK's scroll cursor (a creation time); {@code orderBy} is {@code created_at} or {@code
 * updated_at}.
 */
public record CustomerQuery(
    String email,
    String name,
    String city,
    Instant createdBefore,
    Instant createdAfter,
    Instant updatedBefore,
    Instant updatedAfter,
    Instant startingAfter,
    boolean ascending,
    String orderBy) {}
