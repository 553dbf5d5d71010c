package dev.herald.shared.db;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers remembered until the current transaction ends: for lookups that a transaction handling
 * many events (a group-committed batch, an API call appending two events) would otherwise repeat,
 * and whose answer may be taken as of the transaction's first asking. Outside a transaction every
 * call asks.
 *
 * <p>{@link #beforeCommit} keeps per-transaction work to write once at the end: increments that a
 * batch of events would otherwise write one statement each.
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

  /**
   * The current transaction's accumulator of {@code key}, made on first use; {@code flush} writes
   * it just before the transaction commits (in it), and a rollback drops it. Only for work whose
   * order against the transaction's other statements does not matter (e.g. adding to counters that
   * nothing in the transaction reads).
   */
  public static <T> T beforeCommit(String key, Supplier<T> create, Consumer<T> flush) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("deferred work needs a transaction: " + key);
    }
    return get(
        key,
        () -> {
          T made = create.get();
          TransactionSynchronizationManager.registerSynchronization(
              new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                  flush.accept(made);
                }
              });
          return made;
        });
  }
}
