package dev.herald.messaging;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Hands recorded changes to every {@link MessageListener}, looked up when first needed (listeners
 * live in modules above messaging, whose beans may depend on messaging).
 */
@Component
class MessageListeners {

  /** Resolved on first use (the listeners use this module's facades). */
  private final Supplier<List<MessageListener>> listeners;

  MessageListeners(ObjectProvider<MessageListener> provider) {
    this.listeners = SingletonSupplier.of(() -> provider.orderedStream().toList());
  }

  /** Call inside the transaction that recorded the changes. */
  void recorded(List<MessageChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    for (MessageListener listener : listeners.get()) {
      listener.recorded(changes);
    }
  }
}
