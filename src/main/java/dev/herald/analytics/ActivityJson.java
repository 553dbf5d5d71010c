package dev.herald.analytics;

import dev.herald.eventlog.Event;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** One activity entry: an event as the activity feed and the live stream show it. */
final class ActivityJson {

  private ActivityJson() {}

  static ObjectNode of(Event e) {
    ObjectNode out = Json.object();
    out.put("id", e.id());
    out.put("object", "activity");
    out.put("type", e.type());
    out.put("customer_id", e.customerId());
    out.put("distribution_id", e.distributionId());
    out.put("group_id", e.groupId());
    out.put("created_at", Times.format(e.createdAt()));
    out.set("data", e.data());
    return out;
  }
}
