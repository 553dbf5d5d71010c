package dev.herald.templates;

import java.util.Locale;
import java.util.Set;

/**
 * The plain-text alternative of rendered HTML: block elements become line breaks, links keep their
 * target in parentheses, images their alt text, list items a dash; head, style and hidden preheader
 * content is dropped; entities are decoded and blank runs collapsed.
 */
final class HtmlText {

  private static final Set<String> BLOCK =
      Set.of(
          "p",
          "div",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "ul",
          "ol",
          "table",
          "tr",
          "blockquote",
          "pre",
          "center",
          "section",
          "header",
          "footer",
          "article");
  private static final Set<String> SKIP = Set.of("head", "style", "title", "script");

  private HtmlText() {}

  static String of(String html) {
    StringBuilder out = new StringBuilder(html.length() / 2);
    int i = 0;
    String href = null;
    int linkStart = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c != '<') {
        int lt = html.indexOf('<', i);
        int end = lt < 0 ? html.length() : lt;
        appendText(out, Html.decode(html.substring(i, end)));
        i = end;
        continue;
      }
      if (html.startsWith("<!--", i)) {
        int end = html.indexOf("-->", i + 4);
        i = end < 0 ? html.length() : end + 3;
        continue;
      }
      int end = html.indexOf('>', i);
      if (end < 0) {
        break;
      }
      String tag = html.substring(i + 1, end);
      boolean closing = tag.startsWith("/");
      String name = tagName(closing ? tag.substring(1) : tag);
      i = end + 1;
      if (!closing && SKIP.contains(name)) {
        int close = HtmlPolicy.indexOfIgnoreCase(html, "</" + name, i);
        int closeEnd = close < 0 ? -1 : html.indexOf('>', close);
        i = closeEnd < 0 ? html.length() : closeEnd + 1;
        continue;
      }
      if (!closing && tag.contains("display:none")) {
        // the hidden preheader: its element holds no tags, skip to its close
        int close = html.indexOf("</" + name, i);
        int closeEnd = close < 0 ? -1 : html.indexOf('>', close);
        i = closeEnd < 0 ? html.length() : closeEnd + 1;
        continue;
      }
      switch (name) {
        case "br" -> out.append('\n');
        case "hr" -> newline(out).append("----------------------------------------\n");
        case "li" -> {
          if (!closing) {
            newline(out).append("- ");
          }
        }
        case "td", "th" -> {
          if (closing) {
            spaceIfNeeded(out);
          }
        }
        case "img" -> {
          String alt = attribute(tag, "alt");
          if (alt != null && !alt.isBlank()) {
            appendText(out, "[" + Html.decode(alt) + "] ");
          }
        }
        case "a" -> {
          if (!closing) {
            href = attribute(tag, "href");
            href = href == null ? null : Html.decode(href);
            linkStart = out.length();
          } else if (href != null) {
            String label = out.substring(linkStart).trim();
            if (!href.isBlank()
                && !href.startsWith("#")
                && !href.startsWith("cid:")
                && !label.equals(href)
                && !href.equals("mailto:" + label)) {
              out.append(" (").append(href).append(')');
            }
            href = null;
          }
        }
        default -> {
          if (BLOCK.contains(name)) {
            newline(out);
            if (closing && (name.equals("p") || name.startsWith("h") || name.equals("table"))) {
              out.append('\n');
            }
          }
        }
      }
    }
    return tidy(out.toString());
  }

  private static String tagName(String tag) {
    int j = 0;
    while (j < tag.length() && (Character.isLetterOrDigit(tag.charAt(j)))) {
      j++;
    }
    return tag.substring(0, j).toLowerCase(Locale.ROOT);
  }

  static String attribute(String tag, String name) {
    String lower = tag.toLowerCase(Locale.ROOT);
    int at = 0;
    while (true) {
      int k = lower.indexOf(name + "=", at);
      if (k < 0) {
        return null;
      }
      if (k > 0 && !Character.isWhitespace(lower.charAt(k - 1))) {
        at = k + 1;
        continue;
      }
      int v = k + name.length() + 1;
      if (v < tag.length() && (tag.charAt(v) == '"' || tag.charAt(v) == '\'')) {
        int close = tag.indexOf(tag.charAt(v), v + 1);
        return close < 0 ? tag.substring(v + 1) : tag.substring(v + 1, close);
      }
      int e = v;
      while (e < tag.length() && !Character.isWhitespace(tag.charAt(e))) {
        e++;
      }
      return tag.substring(v, e);
    }
  }

  private static void appendText(StringBuilder out, String text) {
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '\u00a0' || Character.isWhitespace(c)) {
        if (out.length() > 0
            && out.charAt(out.length() - 1) != ' '
            && out.charAt(out.length() - 1) != '\n') {
          out.append(' ');
        }
      } else if (c != '\u200c'
          && c != '\u00ad'
          && c != '\u034f'
          && c != '\u2007'
          && c != '\ufeff') {
        out.append(c);
      }
    }
  }

  private static StringBuilder newline(StringBuilder out) {
    trimTrailingSpace(out);
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
    return out;
  }

  private static void spaceIfNeeded(StringBuilder out) {
    if (out.length() > 0
        && out.charAt(out.length() - 1) != ' '
        && out.charAt(out.length() - 1) != '\n') {
      out.append(' ');
    }
  }

  private static void trimTrailingSpace(StringBuilder out) {
    while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 1);
    }
  }

  /** Trims each line and keeps at most one blank line in a row. */
  private static String tidy(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int blank = 0;
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (t.isEmpty()) {
        blank++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank > 0 ? "\n\n" : "\n");
      }
      out.append(t);
      blank = 0;
    }
    return out.append('\n').toString();
  }
}
