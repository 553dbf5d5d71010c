package dev.herald.shared;

import java.security.SecureRandom;
import java.time.Clock;

/** Prefixed random identifiers in Voucherify's style ({@code cust_}, {@code distr_}, ...). */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The machine's clock, not the injected one: an id's time only places it in its indexes and means
   * nothing to the business, so a test that moves time need not move ids.
   */
  private static final Clock MACHINE_TIME = Clock.systemUTC();

  private static final char[] ALPHABET =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

  private Ids() {}

  /**
   * A new id: {@code prefix}, the time in milliseconds as 8 base-36 characters (so ids made one
   * after another sort next to each other, in any collation, and their indexes grow at one end),
   * then 16 random base-62 characters (~95 bits).
   */
  public static String newId(String prefix) {
    return prefix + time() + random(16);
  }

  /**
   * A new secret key for a public link (a code's QR and barcode images): the time as in {@link
   * #newId}, then 24 random base-62 characters (~143 bits). Keys made one after another sit next to
   * each other in their unique index, so a bulk send updating a campaign's codes in the order they
   * were made touches a few of its pages at a time, not one at random per code. The cost: the key
   * tells when its code was made, to the millisecond.
   */
  public static String newKey() {
    return time() + random(24);
  }

  /** The machine's time in milliseconds as 8 lower-case base-36 characters. */
  private static String time() {
    String time = Long.toString(MACHINE_TIME.millis(), 36);
    return "0".repeat(Math.max(0, 8 - time.length())) + time;
  }

  /**
   * {@code length} random base-62 characters from a cryptographic source: random bytes taken in one
   * call, each byte below 248 (4 × 62) giving one character without bias, the rest dropped.
   */
  public static String random(int length) {
    char[] out = new char[length];
    byte[] bytes = new byte[length + 8];
    int filled = 0;
    while (filled < length) {
      RANDOM.nextBytes(bytes);
      for (int i = 0; i < bytes.length && filled < length; i++) {
        int b = bytes[i] & 0xff;
        if (b < 248) {
          out[filled++] = ALPHABET[b % 62];
        }
      }
    }
    return new String(out);
  }
}
