package dev.herald.campaigns;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** A publication made (or replayed), or why no code could be handed out. */
public sealed interface PublishResult {

  /** {@code publication} is the Voucherify publication JSON; {@code vouchers} the codes' JSON. */
  record Published(ObjectNode publication, List<ObjectNode> vouchers, boolean replayed)
      implements PublishResult {

    public ObjectNode voucher() {
      return vouchers.get(0);
    }
  }

  /** {@code reason} is a Voucherify error key, e.g. {@code no_voucher_suitable_for_publication}. */
  record NoCode(String reason, String message) implements PublishResult {}
}
