package dev.herald.messaging;

/** Filters of a distribution's message list; null = any. */
public record MessageQuery(MessageStatus status, String channelType, String customerId) {}
