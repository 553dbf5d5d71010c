package dev.herald.eventlog;

import dev.herald.shared.Ids;
import java.util.OptionalLong;

/**
 * An event's id names its row: {@code evcus_} (an event about a customer) or {@code ev_}, then its
 * sequence number as {@value #SEQ_DIGITS} hexadecimal digits, the first always {@code 0}, then
 * {@value #TAIL} random base-62 characters (~71 bits, so an id cannot be guessed from another).
 *
 * <p>So the log needs no index of its own on ids: an id is unique because its sequence number is,
 * and it is found through the primary key. Ids made before (V916) have the time in base 36 where
 * the sequence number is now; their first character is never {@code 0}, so the two kinds are told
 * apart by it ({@link #LEGACY}).
 */
final class EventIds {

  static final int SEQ_DIGITS = 12;

  static final int TAIL = 12;

  /**
   * True of an id made before V916, in SQL over a column ({@code %1$s}): the character after the
   * prefix is not {@code 0}. The indexes that keep those ids (and only those) have this predicate.
   */
  static final String LEGACY = "substr(%1$s, strpos(%1$s, '_') + 1, 1) <> '0'";

  /** The id of a fact in SQL, from its prefix, its sequence number and its random tail. */
  static final String SQL = "%1$s || lpad(to_hex(%2$s), " + SEQ_DIGITS + ", '0') || %3$s";

  private static final long LIMIT = 1L << (4 * (SEQ_DIGITS - 1));

  private EventIds() {}

  static String prefix(String customerId) {
    return customerId == null ? "ev_" : "evcus_";
  }

  static String tail() {
    return Ids.random(TAIL);
  }

  /** The id {@link #SQL} makes: {@code prefix}, {@code seq} in hexadecimal, {@code tail}. */
  static String of(String prefix, long seq, String tail) {
    if (seq < 0 || seq >= LIMIT) {
      throw new IllegalStateException("Event sequence number out of range for an id: " + seq);
    }
    String hex = Long.toHexString(seq);
    return prefix + "0".repeat(SEQ_DIGITS - hex.length()) + hex + tail;
  }

  /** The sequence number an id names, or empty for an id made before V916 or not an event's. */
  static OptionalLong seqOf(String id) {
    int from = id.indexOf('_') + 1;
    if (from == 0 || id.length() != from + SEQ_DIGITS + TAIL || id.charAt(from) != '0') {
      return OptionalLong.empty();
    }
    long seq = 0;
    for (int i = from; i < from + SEQ_DIGITS; i++) {
      int digit = Character.digit(id.charAt(i), 16);
      if (digit < 0) {
        return OptionalLong.empty();
      }
      seq = seq << 4 | digit;
    }
    return OptionalLong.of(seq);
  }
}
