package dev.herald.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Template text compiled once: literal pieces and variable slots, each slot knowing how its value
 * must be escaped where it stands. Rendering is appending, so a compiled template renders fast and
 * always the same way for the same values.
 */
final class Markup {

  /** How a value is written where its slot stands. */
  enum Escape {
    /** Plain text (SMS, plain-text email): as it is. */
    NONE,
    /** A header line (subject): line breaks become spaces. */
    HEADER,
    /** HTML text: {@code & < > " '} escaped; {@code qr_code}/{@code barcode} become images. */
    HTML,
    /** An HTML attribute value. */
    ATTRIBUTE,
    /** A URL attribute whose value starts with the variable: only http(s)/mailto/tel pass. */
    URL_START,
    /** A variable inside a URL after a literal start: percent-encoded. */
    URL_PART
  }

  sealed interface Part {}

  record Literal(String text) implements Part {}

  record Slot(Placeholder placeholder, Escape escape) implements Part {}

  /** Resolves and writes one slot's value. */
  interface Values {
    void write(StringBuilder out, Slot slot);
  }

  static final Markup EMPTY = new Markup(List.of());

  private final List<Part> parts;

  Markup(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  List<Part> parts() {
    return parts;
  }

  boolean isEmpty() {
    return parts.isEmpty();
  }

  /** Every variable path used. */
  Set<String> variables() {
    Set<String> out = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof Slot s) {
        out.add(s.placeholder().path());
      }
    }
    return Collections.unmodifiableSet(out);
  }

  void render(StringBuilder out, Values values) {
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else {
        values.write(out, (Slot) p);
      }
    }
  }

  String render(Values values) {
    StringBuilder out = new StringBuilder();
    render(out, values);
    return out.toString();
  }

  /** Compiles plain text with {@code {{...}}} slots, all escaped the same way. */
  static Markup text(String text, Escape escape) {
    Builder b = new Builder();
    b.text(text, escape);
    return b.build();
  }

  /** Accumulates parts, merging adjacent literals. */
  static final class Builder {
    private final List<Part> parts = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();

    Builder literal(String text) {
      literal.append(text);
      return this;
    }

    Builder slot(Placeholder p, Escape escape) {
      flush();
      parts.add(new Slot(p, escape));
      return this;
    }

    /** Literal text with slots; the literal pieces are taken as they are. */
    Builder text(String text, Escape escape) {
      int i = 0;
      while (i < text.length()) {
        int open = text.indexOf("{{", i);
        if (open < 0) {
          literal.append(text, i, text.length());
          break;
        }
        int close = text.indexOf("}}", open + 2);
        if (close < 0) {
          throw new TemplateException("'{{' at position " + open + " is never closed with '}}'");
        }
        literal.append(text, i, open);
        slot(Placeholder.parse(text.substring(open + 2, close)), escape);
        i = close + 2;
      }
      return this;
    }

    /** Literal text whose pieces are HTML-escaped (text given raw, e.g. decoded). */
    Builder escapedText(String text, Escape escape) {
      int i = 0;
      while (i < text.length()) {
        int open = text.indexOf("{{", i);
        if (open < 0) {
          literal.append(Html.escape(text.substring(i)));
          break;
        }
        int close = text.indexOf("}}", open + 2);
        if (close < 0) {
          throw new TemplateException("'{{' at position " + open + " is never closed with '}}'");
        }
        literal.append(Html.escape(text.substring(i, open)));
        slot(Placeholder.parse(text.substring(open + 2, close)), escape);
        i = close + 2;
      }
      return this;
    }

    /** Like {@link #escapedText}, with line breaks kept as {@code <br />}. */
    Builder escapedLines(String text, Escape escape) {
      String[] lines = text.replace("\r\n", "\n").split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          literal.append("<br />\n");
        }
        escapedText(lines[i], escape);
      }
      return this;
    }

    Builder append(Markup m) {
      for (Part p : m.parts) {
        if (p instanceof Literal l) {
          literal.append(l.text());
        } else {
          flush();
          parts.add(p);
        }
      }
      return this;
    }

    private void flush() {
      if (literal.length() > 0) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
    }

    Markup build() {
      flush();
      return new Markup(parts);
    }
  }
}
