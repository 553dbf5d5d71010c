package dev.herald.shared.db;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers remembered until the current transaction ends: for lookups that a transaction handling
 * many events (a group-committed batch, an API call appending two events) would otherwise repeat,
 * and whose answer may be taken as of the transaction's first asking. Outside a transaction every
 * call asks.
 */
public final class TransactionCache {

  private static final Object KEY = new Object();

  private TransactionCache() {}

  @SuppressWarnings("unchecked")
  public static <T> T get(String key, Supplier<T> ask) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return ask.get();
    }
    Map<String, Object> known =
        (Map<String, Object>) TransactionSynchronizationManager.getResource(KEY);
    if (known == null) {
      known = new HashMap<>();
      TransactionSynchronizationManager.bindResource(KEY, known);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            }
          });
    }
    if (known.containsKey(key)) {
      return (T) known.get(key);
    }
    T answer = ask.get();
    known.put(key, answer);
    return answer;
  }
}
