package dev.herald.eventlog;

import java.time.Instant;
import java.util.List;

/**
 * Which events a stream or activity page wants; null fields do not filter. {@code typePrefixes}
 * match the start of the type ({@code customer.email.} for email deliveries).
 */
public record StreamFilter(
    String distributionId, String customerId, List<String> typePrefixes, Instant from, Instant to) {

  public static StreamFilter all() {
    return new StreamFilter(null, null, List.of(), null, null);
  }

  /** Whether an event of {@code type} passes the type filter. */
  boolean takes(String type) {
    return typePrefixes.isEmpty() || typePrefixes.stream().anyMatch(type::startsWith);
  }
}
