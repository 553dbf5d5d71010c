package dev.herald.segments;

import dev.herald.shared.json.Json;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A position in the keyset walk of a project's customers, {@code (created_at, id)}. Carried in task
 * payloads at full precision (not the API's milliseconds) so the next batch starts exactly after.
 */
record CustomerKey(Instant createdAt, String id) {

  ObjectNode toPayload() {
    return Json.object().put("after_at", createdAt.toString()).put("after_id", id);
  }

  /** The position a task payload says the last batch ended at; empty at the start. */
  static Optional<CustomerKey> fromPayload(JsonNode payload) {
    String at = payload.path("after_at").asString(null);
    String id = payload.path("after_id").asString(null);
    return at == null || id == null
        ? Optional.empty()
        : Optional.of(new CustomerKey(Instant.parse(at), id));
  }
}
