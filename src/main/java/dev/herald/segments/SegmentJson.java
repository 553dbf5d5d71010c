package dev.herald.segments;

import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** The Voucherify {@code segment} object (reference §2.2). */
final class SegmentJson {

  private SegmentJson() {}

  static ObjectNode full(Segment s) {
    ObjectNode out = Json.object();
    out.put("id", s.id());
    out.put("name", s.name());
    out.put("created_at", Times.format(s.createdAt()));
    out.put("updated_at", Times.format(s.updatedAt()));
    out.put("type", s.type().wire());
    out.set("filter", s.filter() == null ? Json.nullNode() : s.filter().deepCopy());
    out.put("initial_sync_status", s.initialSyncStatus().name());
    out.put("object", "segment");
    return out;
  }

  static ObjectNode brief(Segment s) {
    return Json.object().put("id", s.id()).put("name", s.name()).put("object", "segment");
  }
}
