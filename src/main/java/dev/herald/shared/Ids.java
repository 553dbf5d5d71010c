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
    String time = Long.toString(MACHINE_TIME.millis(), 36);
    return prefix + "0".repeat(Math.max(0, 8 - time.length())) + time + random(16);
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
