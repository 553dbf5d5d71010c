package dev.herald.templates;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A template rendered for a preview or a test send: exactly one of {@code email}, {@code sms},
 * {@code payload} is set, per {@code channel}. {@code warnings} say what would stop it going live.
 */
public record Preview(
    String channel,
    String triggerType,
    String customerId,
    RenderedEmail email,
    RenderedSms sms,
    JsonNode payload,
    List<String> warnings) {}
