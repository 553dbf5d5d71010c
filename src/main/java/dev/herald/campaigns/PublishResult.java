package dev.herald.campaigns;

import dev.herald.eventlog.Event;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** A publication made (or replayed), or why no code could be handed out. */
public sealed interface PublishResult {

  /**
   * {@code publication} is the Voucherify publication JSON; {@code vouchers} the codes' JSON;
   * {@code event} the {@code customer.publication.succeeded} this call appended (null for a
   * replay), whose data holds these very objects.
   */
  record Published(ObjectNode publication, List<ObjectNode> vouchers, boolean replayed, Event event)
      implements PublishResult {

    public Published(ObjectNode publication, List<ObjectNode> vouchers, boolean replayed) {
      this(publication, vouchers, replayed, null);
    }

    public ObjectNode voucher() {
      return vouchers.get(0);
    }
  }

  /** {@code reason} is a Voucherify error key, e.g. {@code no_voucher_suitable_for_publication}. */
  record NoCode(String reason, String message) implements PublishResult {}
}
