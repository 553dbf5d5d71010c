package dev.herald.templates;

import java.util.Locale;
import java.util.Map;

/** HTML escaping, entity decoding and URL scheme checks. */
final class Html {

  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", "\u00a0"),
          Map.entry("colon", ":"),
          Map.entry("Tab", "\t"),
          Map.entry("NewLine", "\n"),
          Map.entry("sol", "/"),
          Map.entry("lpar", "("),
          Map.entry("rpar", ")"),
          Map.entry("period", "."),
          Map.entry("comma", ","),
          Map.entry("copy", "\u00a9"),
          Map.entry("reg", "\u00ae"),
          Map.entry("trade", "\u2122"),
          Map.entry("hellip", "\u2026"),
          Map.entry("mdash", "\u2014"),
          Map.entry("ndash", "\u2013"),
          Map.entry("euro", "\u20ac"),
          Map.entry("pound", "\u00a3"),
          Map.entry("middot", "\u00b7"),
          Map.entry("bull", "\u2022"),
          Map.entry("laquo", "\u00ab"),
          Map.entry("raquo", "\u00bb"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("ldquo", "\u201c"),
          Map.entry("rdquo", "\u201d"),
          Map.entry("zwnj", "\u200c"),
          Map.entry("shy", "\u00ad"));

  private Html() {}

  static String escape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      String rep = replacement(s.charAt(i));
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16);
          out.append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(s.charAt(i));
      }
    }
    return out == null ? s : out.toString();
  }

  static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = replacement(c);
      if (rep == null) {
        out.append(c);
      } else {
        out.append(rep);
      }
    }
  }

  private static String replacement(char c) {
    switch (c) {
      case '&':
        return "&amp;";
      case '<':
        return "&lt;";
      case '>':
        return "&gt;";
      case '"':
        return "&quot;";
      case '\'':
        return "&#39;";
      default:
        return null;
    }
  }

  /** Decodes character references (numeric and the common named ones). */
  static String decode(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, amp);
    int i = amp;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int semi = s.indexOf(';', i);
      int end = semi < 0 ? -1 : semi;
      String decoded = null;
      int consumed = 0;
      if (i + 1 < s.length() && s.charAt(i + 1) == '#') {
        int j = i + 2;
        boolean hex = j < s.length() && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
        if (hex) {
          j++;
        }
        int start = j;
        while (j < s.length() && Character.digit(s.charAt(j), hex ? 16 : 10) >= 0) {
          j++;
        }
        if (j > start && j - start < 8) {
          int cp = Integer.parseInt(s.substring(start, j), hex ? 16 : 10);
          decoded = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\ufffd";
          consumed = (j < s.length() && s.charAt(j) == ';' ? j + 1 : j) - i;
        }
      } else if (end > i + 1 && end - i < 12) {
        String name = s.substring(i + 1, end);
        decoded = NAMED.get(name);
        consumed = end + 1 - i;
      }
      if (decoded == null) {
        out.append(c);
        i++;
      } else {
        out.append(decoded);
        i += consumed;
      }
    }
    return out.toString();
  }

  /**
   * The scheme of a URL as a browser reads it (control characters and whitespace ignored), lower
   * case; null for a relative URL.
   */
  static String scheme(String url) {
    StringBuilder cleaned = new StringBuilder();
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c > ' ' && c != '\u007f' && !Character.isWhitespace(c)) {
        cleaned.append(c);
      }
    }
    String u = cleaned.toString();
    for (int i = 0; i < u.length(); i++) {
      char c = u.charAt(i);
      if (c == ':') {
        return i == 0 ? null : u.substring(0, i).toLowerCase(Locale.ROOT);
      }
      if (c == '/' || c == '?' || c == '#') {
        return null;
      }
    }
    return null;
  }

  /** A URL a link or image in a message may point at. */
  static boolean safeUrl(String url) {
    String scheme = scheme(url);
    return scheme == null
        || scheme.equals("http")
        || scheme.equals("https")
        || scheme.equals("mailto")
        || scheme.equals("tel")
        || scheme.equals("cid");
  }

  /** An absolute http(s), mailto or tel URL (what a variable may put at the start of a link). */
  static boolean absoluteSafeUrl(String url) {
    String scheme = scheme(url);
    return scheme != null
        && (scheme.equals("http")
            || scheme.equals("https")
            || scheme.equals("mailto")
            || scheme.equals("tel"));
  }
}
