package dev.herald.messaging;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hands recorded changes to every {@link MessageListener}, looked up when first needed (listeners
 * live in modules above messaging, whose beans may depend on messaging).
 */
@Component
class MessageListeners {

  private final ObjectProvider<MessageListener> provider;
  private volatile List<MessageListener> listeners;

  MessageListeners(ObjectProvider<MessageListener> provider) {
    this.provider = provider;
  }

  /** Call inside the transaction that recorded the changes. */
  void recorded(List<MessageChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<MessageListener> found = listeners;
    if (found == null) {
      found = provider.orderedStream().toList();
      listeners = found;
    }
    for (MessageListener listener : found) {
      listener.recorded(changes);
    }
  }
}
