package dev.herald.messaging;

/**
 * A page of a distribution's recipients: those with a message on channel type {@code channelType}
 * and/or in {@code status} (null = any), or one {@code customerId}; ordered by customer id, after
 * {@code startingAfter} (a customer id) and {@code skip} more, at most {@code limit}.
 */
public record AudienceQuery(
    String channelType,
    MessageStatus status,
    String customerId,
    String startingAfter,
    int skip,
    int limit) {}
