package dev.herald.templates;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Checks and compiles HTML written by marketers: the rich text of a text block (a small allow-list
 * of formatting tags and attributes) or a whole custom HTML email (anything but active content).
 * Scripts, event-handler attributes, {@code javascript:} and other active URLs, and frames are
 * refused with a message naming them, never silently dropped. Tags are re-serialized with their
 * attribute values re-escaped, so entity tricks cannot survive, and each {@code {{variable}}} is
 * compiled to a slot that escapes its value for where it stands (text, attribute, or URL).
 */
final class HtmlPolicy {

  enum Mode {
    /** A text block of the block editor. */
    FRAGMENT,
    /** A custom HTML email. */
    DOCUMENT
  }

  private HtmlPolicy() {}

  static Markup compile(String html, Mode mode) {
    return new Compiler(html, mode).run();
  }

  private static final class Compiler {
    private final String src;
    private final Mode mode;
    private final Markup.Builder out = new Markup.Builder();
    private final Deque<String> open = new ArrayDeque<>();
    private int i;

    Compiler(String src, Mode mode) {
      this.src = src;
      this.mode = mode;
    }

    Markup run() {
      while (i < src.length()) {
        int lt = src.indexOf('<', i);
        if (lt < 0) {
          text(src.substring(i));
          break;
        }
        text(src.substring(i, lt));
        i = lt;
        if (src.startsWith("<!--", i)) {
          comment();
        } else if (src.startsWith("<!", i) || src.startsWith("<?", i)) {
          declaration();
        } else if (src.startsWith("</", i)
            && i + 2 < src.length()
            && isNameStart(src.charAt(i + 2))) {
          endTag();
        } else if (i + 1 < src.length() && isNameStart(src.charAt(i + 1))) {
          startTag();
        } else {
          out.literal("&lt;");
          i++;
        }
      }
      if (mode == Mode.FRAGMENT) {
        while (!open.isEmpty()) {
          out.literal("</" + open.pop() + ">");
        }
      }
      return out.build();
    }

    private void text(String text) {
      if (!text.isEmpty()) {
        out.text(text.replace(">", "&gt;"), Markup.Escape.HTML);
      }
    }

    private void comment() {
      int end = src.indexOf("-->", i + 4);
      if (end < 0) {
        throw malformed("an HTML comment is never closed");
      }
      String body = src.substring(i, end + 3);
      if (mode == Mode.DOCUMENT) {
        // Outlook conditional comments carry markup; check what they hold like the rest.
        HtmlRules.checkComment(body);
        out.literal(body);
      }
      i = end + 3;
    }

    private void declaration() {
      int end = src.indexOf('>', i);
      if (end < 0) {
        throw malformed("a declaration is never closed");
      }
      if (mode == Mode.FRAGMENT) {
        throw new TemplateException("a text block may not contain " + src.substring(i, end + 1));
      }
      String decl = src.substring(i, end + 1);
      if (!decl.toLowerCase(Locale.ROOT).startsWith("<!doctype")) {
        throw new TemplateException("custom HTML may not contain " + decl);
      }
      out.literal(decl);
      i = end + 1;
    }

    private void endTag() {
      int j = i + 2;
      int nameEnd = nameEnd(j);
      String name = src.substring(j, nameEnd).toLowerCase(Locale.ROOT);
      int end = src.indexOf('>', nameEnd);
      if (end < 0) {
        throw malformed("</" + name + " is never closed with '>'");
      }
      HtmlRules.checkTag(name, mode);
      if (mode == Mode.FRAGMENT && !HtmlRules.VOID.contains(name)) {
        if (!open.contains(name)) {
          throw malformed("</" + name + "> closes a tag that is not open");
        }
        while (!open.isEmpty()) {
          String top = open.pop();
          out.literal("</" + top + ">");
          if (top.equals(name)) {
            break;
          }
        }
      } else if (!HtmlRules.VOID.contains(name)) {
        out.literal("</" + name + ">");
      }
      i = end + 1;
    }

    private void startTag() {
      int j = i + 1;
      int nameEnd = nameEnd(j);
      String name = src.substring(j, nameEnd).toLowerCase(Locale.ROOT);
      HtmlRules.checkTag(name, mode);
      out.literal("<").literal(name);
      j = nameEnd;
      boolean selfClosing = false;
      boolean metaRefresh = false;
      while (true) {
        j = skipSpace(j);
        if (j >= src.length()) {
          throw malformed("<" + name + " is never closed with '>'");
        }
        char c = src.charAt(j);
        if (c == '>') {
          j++;
          break;
        }
        if (c == '/' && j + 1 < src.length() && src.charAt(j + 1) == '>') {
          selfClosing = true;
          j += 2;
          break;
        }
        int attrEnd = j;
        while (attrEnd < src.length()
            && !Character.isWhitespace(src.charAt(attrEnd))
            && "=>/".indexOf(src.charAt(attrEnd)) < 0) {
          attrEnd++;
        }
        if (attrEnd == j) {
          j++; // a stray '/' or similar
          continue;
        }
        String attr = src.substring(j, attrEnd).toLowerCase(Locale.ROOT);
        j = skipSpace(attrEnd);
        String value = null;
        if (j < src.length() && src.charAt(j) == '=') {
          j = skipSpace(j + 1);
          if (j < src.length() && (src.charAt(j) == '"' || src.charAt(j) == '\'')) {
            char q = src.charAt(j);
            int close = src.indexOf(q, j + 1);
            if (close < 0) {
              throw malformed("the value of " + attr + " in <" + name + "> is never closed");
            }
            value = src.substring(j + 1, close);
            j = close + 1;
          } else {
            int k = j;
            while (k < src.length()
                && !Character.isWhitespace(src.charAt(k))
                && src.charAt(k) != '>') {
              k++;
            }
            value = src.substring(j, k);
            j = k;
          }
        }
        if (name.equals("meta")
            && attr.equals("http-equiv")
            && value != null
            && value.trim().equalsIgnoreCase("refresh")) {
          metaRefresh = true;
        }
        attribute(name, attr, value);
      }
      if (metaRefresh) {
        throw new TemplateException("custom HTML may not contain a <meta http-equiv=\"refresh\">");
      }
      out.literal(selfClosing && HtmlRules.VOID.contains(name) ? " />" : ">");
      i = j;
      if (HtmlRules.RAW_TEXT.contains(name)) {
        rawText(name);
      } else if (mode == Mode.FRAGMENT && !HtmlRules.VOID.contains(name) && !selfClosing) {
        open.push(name);
      }
    }

    private void attribute(String tag, String attr, String rawValue) {
      HtmlRules.checkAttribute(tag, attr, mode);
      out.literal(" ").literal(attr);
      if (rawValue == null) {
        return;
      }
      String value = Html.decode(rawValue);
      out.literal("=\"");
      if (attr.equals("style")) {
        if (value.contains("{{")) {
          throw new TemplateException(
              "variables are not allowed in style attributes (<" + tag + ">)");
        }
        HtmlRules.checkCss(value, "the style of <" + tag + ">");
        out.literal(Html.escape(value));
      } else if (HtmlRules.URL_ATTRIBUTES.contains(attr)) {
        url(tag, attr, value);
      } else {
        out.escapedText(value, Markup.Escape.ATTRIBUTE);
      }
      out.literal("\"");
    }

    private void url(String tag, String attr, String value) {
      String trimmed = value.trim();
      if (trimmed.startsWith("{{")) {
        int close = trimmed.indexOf("}}");
        if (close < 0) {
          throw malformed("'{{' in " + attr + " of <" + tag + "> is never closed");
        }
        out.slot(Placeholder.parse(trimmed.substring(2, close)), Markup.Escape.URL_START);
        out.escapedText(trimmed.substring(close + 2), Markup.Escape.URL_PART);
        return;
      }
      int slot = trimmed.indexOf("{{");
      String literalStart = slot < 0 ? trimmed : trimmed.substring(0, slot);
      HtmlRules.checkUrl(tag, attr, literalStart);
      out.escapedText(trimmed, Markup.Escape.URL_PART);
    }

    private void rawText(String name) {
      int close = indexOfIgnoreCase(src, "</" + name, i);
      if (close < 0) {
        throw malformed("<" + name + "> is never closed");
      }
      String content = src.substring(i, close);
      if (name.equals("style")) {
        if (content.contains("{{")) {
          throw new TemplateException("variables are not allowed inside <style>");
        }
        HtmlRules.checkCss(content, "a <style> element");
        out.literal(content);
      } else {
        out.escapedText(Html.decode(content), Markup.Escape.HTML);
      }
      int end = src.indexOf('>', close);
      if (end < 0) {
        throw malformed("</" + name + " is never closed with '>'");
      }
      out.literal("</" + name + ">");
      i = end + 1;
    }

    private int nameEnd(int j) {
      while (j < src.length()) {
        char c = src.charAt(j);
        if (Character.isLetterOrDigit(c) || c == '-' || c == ':' || c == '_') {
          j++;
        } else {
          break;
        }
      }
      return j;
    }

    private int skipSpace(int j) {
      while (j < src.length() && Character.isWhitespace(src.charAt(j))) {
        j++;
      }
      return j;
    }

    private TemplateException malformed(String problem) {
      return new TemplateException("malformed HTML: " + problem);
    }
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static int indexOfIgnoreCase(String s, String needle, int from) {
    int n = needle.length();
    for (int k = from; k + n <= s.length(); k++) {
      if (s.regionMatches(true, k, needle, 0, n)) {
        return k;
      }
    }
    return -1;
  }
}
