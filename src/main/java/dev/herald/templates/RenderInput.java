package dev.herald.templates;

import dev.herald.projects.Project;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a message renders from: its project (brand, time zone), recipient, id (for its unsubscribe
 * link; null in previews), the code its action attached (may be null) and the variable snapshot
 * ({@code data} of the trigger, Voucherify's shapes).
 */
public record RenderInput(
    Project project, String customerId, String messageId, String voucherCode, ObjectNode data) {}
