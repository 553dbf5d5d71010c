package dev.herald.templates;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * An email template, checked and compiled: subject, preheader, and a body that is simple text, a
 * list of blocks, or custom HTML; the layout style and the footer. {@code json} is its normalized
 * JSON, as stored in a template version.
 */
record EmailTemplate(
    Markup subject,
    Markup preheader,
    String format,
    Markup simpleText,
    List<Block> blocks,
    Markup customHtml,
    Style style,
    Footer footer,
    ObjectNode json) {

  static final List<String> FORMATS = List.of("simple", "blocks", "custom_html");

  sealed interface Block {}

  record Text(Markup html, String align, int fontSize, String color) implements Block {}

  record Code(String show, Markup label, String align) implements Block {}

  record Image(Markup src, Markup alt, int width, Markup link, String align) implements Block {}

  record Button(
      Markup label,
      Markup href,
      String color,
      String textColor,
      String size,
      int radius,
      String align,
      boolean fullWidth)
      implements Block {}

  record Divider(int width, String color, int thickness) implements Block {}

  record Social(Map<String, Markup> links, String align, String color) implements Block {}

  record Spacer(int height) implements Block {}

  record Style(
      String background,
      String contentBackground,
      int contentWidth,
      String border,
      String logoUrl,
      String align,
      String fontFamily,
      String textColor,
      String linkColor,
      boolean inlineImages) {

    static final Style DEFAULT =
        new Style(
            "#f4f4f4",
            "#ffffff",
            600,
            null,
            null,
            "center",
            "Arial, Helvetica, sans-serif",
            "#222222",
            "#1a73e8",
            false);
  }

  record Footer(Markup text, String color) {
    static final Footer DEFAULT = new Footer(Markup.EMPTY, "#888888");
  }
}
