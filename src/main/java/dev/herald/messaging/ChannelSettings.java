package dev.herald.messaging;

import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Settings every channel type accepts, and the check for unknown ones. */
final class ChannelSettings {

  /** Fields every channel spec may carry besides its own. */
  static final List<String> COMMON =
      List.of("id", "type", "status", "rate_limit", "template_id", "template_version");

  private ChannelSettings() {}

  static void known(Body body, String... own) {
    List<String> allowed = new ArrayList<>(COMMON);
    allowed.addAll(List.of(own));
    for (String field : body.node().propertyNames()) {
      if (!allowed.contains(field)) {
        throw body.invalid(
            field,
            "is not a setting of a "
                + body.node().path("type").asString("")
                + " channel (it has "
                + String.join(", ", own)
                + ")");
      }
    }
  }

  /** {@code rate_limit}: at most this many messages per second, shared by every node. */
  static ObjectNode common(Body body) {
    ObjectNode out = Json.object();
    body.number("rate_limit")
        .ifPresent(
            r -> {
              if (r <= 0 || r > 100_000) {
                throw body.invalid(
                    "rate_limit", "must be messages per second, above 0 (up to 100000)");
              }
              out.put("rate_limit", r);
            });
    return out;
  }
}
