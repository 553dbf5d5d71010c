package dev.herald.messaging;

import tools.jackson.databind.node.ObjectNode;

/**
 * An event whose data a message's snapshot shares: the members of the snapshot's {@code data} that
 * are the very same objects as the event's (not equal copies: the caller says they are shared) are
 * stored as references to the event, so a bulk send writes each recipient's customer, code,
 * publication and campaign once, in the publication event, not again in the message.
 */
public record SnapshotBase(long eventSeq, ObjectNode data) {}
