package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import java.time.Instant;

/** Messages as a claim holds them ({@code SENDING}, first attempt), for tests of the dispatcher. */
final class ClaimedMessages {

  private ClaimedMessages() {}

  /** Message {@code id} of a channel of {@code channelType}, to customer {@code customerId}. */
  static Message claimed(String id, String channelType, String customerId, Instant at) {
    return new Message(
        id,
        new ProjectId("proj_1"),
        "distr_1",
        "ch_" + channelType,
        channelType,
        customerId,
        "evt_1",
        MessageStatus.SENDING,
        null,
        1,
        0,
        at,
        null,
        null,
        null,
        at,
        at,
        null,
        null,
        null,
        false);
  }
}
