package dev.herald.templates;

/**
 * How an SMS travels: GSM-7 when every character is in the GSM 03.38 alphabet (extension characters
 * such as {@code € [ ] { } ^ ~ | \} take two septets), else UCS-2. One message holds 160 septets
 * (GSM-7) or 70 UTF-16 units (UCS-2); longer text is split into segments of 153 septets or 67
 * units, and an escape pair or a surrogate pair is never split across two segments.
 */
final class SmsSegments {

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "^{}\\[~]|€\f";

  record Count(String encoding, int segments, int units) {}

  private SmsSegments() {}

  static boolean gsm7(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  static Count count(String text) {
    return gsm7(text) ? countGsm(text) : countUcs2(text);
  }

  private static Count countGsm(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      septets += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    if (septets <= 160) {
      return new Count("GSM-7", septets == 0 ? 0 : 1, septets);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int w = EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
      if (used + w > 153) {
        segments++;
        used = 0;
      }
      used += w;
    }
    return new Count("GSM-7", segments, septets);
  }

  private static Count countUcs2(String text) {
    int units = text.length();
    if (units <= 70) {
      return new Count("UCS-2", 1, units);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int w = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() ? 2 : 1;
      if (used + w > 67) {
        segments++;
        used = 0;
      }
      used += w;
      i += w - 1;
    }
    return new Count("UCS-2", segments, units);
  }
}
