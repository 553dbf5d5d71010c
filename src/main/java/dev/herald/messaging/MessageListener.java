package dev.herald.messaging;

import java.util.List;

/**
 * SPI for modules that keep read models of messages (analytics: roll-ups, delivery events). {@link
 * #recorded} is called with every change messaging records — a message queued, held or skipped on
 * insert; an outcome of a claimed send — in the transaction that records it, so whatever the
 * listener writes commits or rolls back with the change itself: nothing is counted twice or lost,
 * whichever node records it and whenever one dies. Changes come in batches (the dispatcher records
 * outcomes a few hundred at a time); a listener should write them in batches too.
 */
public interface MessageListener {

  void recorded(List<MessageChange> changes);
}
