package dev.herald.templates;

import dev.herald.shared.web.Body;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Reads one block of the block editor; each kind has its own fields. */
final class BlockParser {

  private final EmailTemplateParser parent;
  private final Body b;
  private final ObjectNode out;

  BlockParser(EmailTemplateParser parent, Body b, ObjectNode out) {
    this.parent = parent;
    this.b = b;
    this.out = out;
  }

  EmailTemplate.Block parse() {
    String type =
        b.oneOf("type", EmailTemplateParser.BLOCK_TYPES)
            .orElseThrow(
                () ->
                    b.invalid(
                        "type",
                        "is required (one of "
                            + String.join(", ", EmailTemplateParser.BLOCK_TYPES)
                            + ")"));
    out.put("type", type);
    return switch (type) {
      case "text" -> text();
      case "code" -> code();
      case "image" -> image();
      case "button" -> button();
      case "divider" -> divider();
      case "social" -> social();
      default -> spacer();
    };
  }

  private EmailTemplate.Text text() {
    EmailTemplateParser.known(b, "type", "html", "align", "font_size", "color");
    String html = b.string("html").orElseThrow(() -> b.invalid("html", "is required"));
    if (html.length() > 100_000) {
      throw b.invalid("html", "is longer than 100,000 characters");
    }
    out.put("html", html);
    Markup m = parent.compile(b, "html", () -> HtmlPolicy.compile(html, HtmlPolicy.Mode.FRAGMENT));
    String align = align(EmailTemplateParser.TEXT_ALIGN, "left");
    int size = (int) EmailTemplateParser.range(b, "font_size", 10, 48, 16, out);
    String color = EmailTemplateParser.color(b, "color", null, out);
    return new EmailTemplate.Text(m, align, size, color);
  }

  private EmailTemplate.Code code() {
    EmailTemplateParser.known(b, "type", "show", "label", "align");
    String show = b.oneOf("show", List.of("text", "qr", "barcode")).orElse("text");
    out.put("show", show);
    Markup label = optionalText("label", 200);
    return new EmailTemplate.Code(show, label, align(EmailTemplateParser.ALIGN, "center"));
  }

  private EmailTemplate.Image image() {
    EmailTemplateParser.known(b, "type", "src", "alt", "width", "link", "align");
    Markup src = url("src", true);
    Markup alt = optionalText("alt", 500);
    int width = (int) EmailTemplateParser.range(b, "width", 1, 800, 0, out);
    Markup link = url("link", false);
    return new EmailTemplate.Image(
        src, alt, width, link, align(EmailTemplateParser.ALIGN, "center"));
  }

  private EmailTemplate.Button button() {
    EmailTemplateParser.known(
        b, "type", "label", "href", "color", "text_color", "size", "radius", "align", "full_width");
    Markup label = parent.text(b, "label", Markup.Escape.HTML, true, 200);
    out.put("label", b.string("label").orElse(""));
    Markup href = url("href", true);
    String color = EmailTemplateParser.color(b, "color", "#1a73e8", out);
    String textColor = EmailTemplateParser.color(b, "text_color", "#ffffff", out);
    String size = b.oneOf("size", List.of("small", "medium", "large")).orElse("medium");
    out.put("size", size);
    int radius = (int) EmailTemplateParser.range(b, "radius", 0, 50, 4, out);
    boolean full = b.bool("full_width").orElse(false);
    if (b.has("full_width")) {
      out.put("full_width", full);
    }
    return new EmailTemplate.Button(
        label,
        href,
        color,
        textColor,
        size,
        radius,
        align(EmailTemplateParser.ALIGN, "center"),
        full);
  }

  private EmailTemplate.Divider divider() {
    EmailTemplateParser.known(b, "type", "width", "color", "thickness");
    int width = (int) EmailTemplateParser.range(b, "width", 1, 100, 100, out);
    String color = EmailTemplateParser.color(b, "color", "#dddddd", out);
    int thickness = (int) EmailTemplateParser.range(b, "thickness", 1, 10, 1, out);
    return new EmailTemplate.Divider(width, color, thickness);
  }

  private EmailTemplate.Social social() {
    EmailTemplateParser.known(b, "type", "links", "align", "color");
    Body links = b.object("links").orElseThrow(() -> b.invalid("links", "is required"));
    ObjectNode linksOut = out.putObject("links");
    Map<String, Markup> compiled = new LinkedHashMap<>();
    for (String network : links.node().propertyNames()) {
      if (!EmailTemplateParser.SOCIAL.contains(network)) {
        throw links.invalid(
            network,
            "is not a supported network (" + String.join(", ", EmailTemplateParser.SOCIAL) + ")");
      }
    }
    for (String network : EmailTemplateParser.SOCIAL) {
      Optional<String> url = links.string(network);
      if (url.isPresent() && !url.get().isBlank()) {
        linksOut.put(network, url.get());
        compiled.put(network, urlMarkup(links, network, url.get()));
      }
    }
    if (compiled.isEmpty()) {
      throw b.invalid("links", "must hold at least one network link");
    }
    String color = EmailTemplateParser.color(b, "color", "#555555", out);
    return new EmailTemplate.Social(compiled, align(EmailTemplateParser.ALIGN, "center"), color);
  }

  private EmailTemplate.Spacer spacer() {
    EmailTemplateParser.known(b, "type", "height");
    return new EmailTemplate.Spacer((int) EmailTemplateParser.range(b, "height", 4, 200, 24, out));
  }

  private String align(List<String> allowed, String fallback) {
    String align = b.oneOf("align", allowed).orElse(fallback);
    if (b.has("align")) {
      out.put("align", align);
    }
    return align;
  }

  private Markup optionalText(String field, int max) {
    b.string(field).ifPresent(v -> out.put(field, v));
    return parent.text(b, field, Markup.Escape.HTML, false, max);
  }

  private Markup url(String field, boolean required) {
    Optional<String> url = b.string(field);
    if (url.isEmpty() || url.get().isBlank()) {
      if (required) {
        throw b.invalid(field, "is required");
      }
      return Markup.EMPTY;
    }
    out.put(field, url.get());
    return urlMarkup(b, field, url.get());
  }

  /** A URL field: a variable at the start is checked when rendered; a literal start here. */
  private Markup urlMarkup(Body body, String field, String url) {
    String trimmed = url.trim();
    if (!trimmed.startsWith("{{")) {
      int slot = trimmed.indexOf("{{");
      String literal = slot < 0 ? trimmed : trimmed.substring(0, slot);
      if (!Html.absoluteSafeUrl(literal)) {
        throw body.invalid(
            field, "must be an absolute http, https, mailto or tel URL (got '" + url + "')");
      }
    }
    return parent.compile(
        body,
        field,
        () -> {
          Markup.Builder m = new Markup.Builder();
          if (trimmed.startsWith("{{")) {
            int close = trimmed.indexOf("}}");
            if (close < 0) {
              throw new TemplateException("'{{' is never closed with '}}'");
            }
            m.slot(Placeholder.parse(trimmed.substring(2, close)), Markup.Escape.URL_START);
            m.escapedText(trimmed.substring(close + 2), Markup.Escape.URL_PART);
          } else {
            m.escapedText(trimmed, Markup.Escape.URL_PART);
          }
          return m.build();
        });
  }
}
