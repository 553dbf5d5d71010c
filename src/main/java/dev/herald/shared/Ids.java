package dev.herald.shared;

import java.security.SecureRandom;

/** Prefixed random identifiers in Voucherify's style ({@code cust_}, {@code distr_}, ...). */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

  private Ids() {}

  /** A new id: {@code prefix} followed by 24 random base-62 characters (~142 bits). */
  public static String newId(String prefix) {
    return prefix + random(24);
  }

  /** {@code length} random base-62 characters from a cryptographic source. */
  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
