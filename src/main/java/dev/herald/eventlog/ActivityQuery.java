package dev.herald.eventlog;

/**
 * A page of activity: newest first unless {@code ascending}; {@code startingAfterId} continues
 * after that event (Voucherify's {@code starting_after_id}).
 */
public record ActivityQuery(int limit, boolean ascending, String startingAfterId) {}
