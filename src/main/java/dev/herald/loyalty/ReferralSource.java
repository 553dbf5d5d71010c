package dev.herald.loyalty;

import tools.jackson.databind.JsonNode;

/**
 * What converted a referee: {@code redemption}, {@code custom_event} or {@code order}, its id, and
 * the event data carried along under {@code dataKey}.
 */
record ReferralSource(String type, String id, String dataKey, JsonNode data) {}
