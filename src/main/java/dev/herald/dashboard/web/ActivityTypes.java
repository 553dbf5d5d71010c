package dev.herald.dashboard.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The event names a distribution's live feed listens for: Server-Sent Events carry the event type
 * as their name, and a browser's EventSource can only listen by name.
 */
final class ActivityTypes {

  static final List<String> ALL;

  static {
    List<String> all = new ArrayList<>();
    for (String s :
        List.of(
            "live",
            "paused",
            "resumed",
            "scheduled",
            "sending",
            "sent",
            "canceled",
            "finished",
            "failed",
            "deleted",
            "messages.queued",
            "waiting_for_segment_sync")) {
      all.add("distribution." + s);
    }
    for (String channel : List.of("email", "sms", "webhook", "mailchimp", "braze")) {
      for (String s : List.of("sent", "delivered", "failed", "recovered", "skipped", "held")) {
        all.add("customer." + channel + "." + s);
      }
    }
    all.add("customer.publication.succeeded");
    all.add("customer.redemption.succeeded");
    ALL = List.copyOf(all);
  }

  private ActivityTypes() {}
}
