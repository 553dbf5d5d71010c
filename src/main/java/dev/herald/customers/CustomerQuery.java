package dev.herald.customers;

import java.time.Instant;
import java.util.List;

/**
 * Filters of {@code GET /v1/customers}; a null field does not filter. {@code startingAfter} is the
 * SDK's scroll cursor (a creation time); {@code orderBy} is {@code created_at} or {@code
 * updated_at}. {@code conditions} come from other modules' {@link CustomerListFilter}s (e.g. {@code
 * segment_id}).
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
    String orderBy,
    List<CustomerListFilter.Condition> conditions) {

  public CustomerQuery {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  public CustomerQuery(
      String email,
      String name,
      String city,
      Instant createdBefore,
      Instant createdAfter,
      Instant updatedBefore,
      Instant updatedAfter,
      Instant startingAfter,
      boolean ascending,
      String orderBy) {
    this(
        email,
        name,
        city,
        createdBefore,
        createdAfter,
        updatedBefore,
        updatedAfter,
        startingAfter,
        ascending,
        orderBy,
        List.of());
  }
}
