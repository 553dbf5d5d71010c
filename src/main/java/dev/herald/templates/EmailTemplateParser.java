package dev.herald.templates;

import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an email template from API JSON: every field checked for shape (a 400 naming the field),
 * every text compiled, every variable checked against the trigger's catalog, HTML checked by {@link
 * HtmlPolicy}. Produces the compiled template and its normalized JSON.
 */
final class EmailTemplateParser {

  static final Pattern COLOR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  static final Pattern BORDER =
      Pattern.compile("(\\d{1,2})px (solid|dashed|dotted|double) #([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  static final List<String> ALIGN = List.of("left", "center", "right");
  static final List<String> TEXT_ALIGN = List.of("left", "center", "right", "justify");
  static final List<String> BLOCK_TYPES =
      List.of("text", "code", "image", "button", "divider", "social", "spacer");
  static final List<String> SOCIAL = List.of("linkedin", "facebook", "instagram", "x", "youtube");
  static final Map<String, String> FONTS =
      Map.of(
          "arial", "Arial, Helvetica, sans-serif",
          "helvetica", "Helvetica, Arial, sans-serif",
          "georgia", "Georgia, 'Times New Roman', serif",
          "times", "'Times New Roman', Times, serif",
          "verdana", "Verdana, Geneva, sans-serif",
          "tahoma", "Tahoma, Verdana, sans-serif",
          "trebuchet", "'Trebuchet MS', Helvetica, sans-serif",
          "courier", "'Courier New', Courier, monospace");

  private final Body body;
  private final String trigger;
  private final boolean checkVariables;
  private final ObjectNode json = Json.object();

  private EmailTemplateParser(Body body, String trigger, boolean checkVariables) {
    this.body = body;
    this.trigger = trigger;
    this.checkVariables = checkVariables;
  }

  /** Parses and checks; {@code complete} demands a subject and a body (going live). */
  static EmailTemplate parse(Body body, String trigger, boolean complete) {
    return new EmailTemplateParser(body, trigger, true).run(complete);
  }

  /** Compiles a stored template (already checked when saved). */
  static EmailTemplate load(ObjectNode stored) {
    return new EmailTemplateParser(Body.of(stored, "invalid_template"), null, false).run(false);
  }

  private EmailTemplate run(boolean complete) {
    for (String field : body.node().propertyNames()) {
      if (!List.of("subject", "preheader", "format", "text", "blocks", "html", "style", "footer")
          .contains(field)) {
        throw body.invalid(field, "is not a field of an email template");
      }
    }
    Markup subject = text(body, "subject", Markup.Escape.HEADER, complete, 998);
    Markup preheader = text(body, "preheader", Markup.Escape.HTML, false, 500);
    String format = format();
    json.put("format", format);
    Markup simple = Markup.EMPTY;
    List<EmailTemplate.Block> blocks = List.of();
    Markup custom = Markup.EMPTY;
    switch (format) {
      case "simple" -> simple = simpleText(complete);
      case "blocks" -> blocks = blocks(complete);
      default -> custom = customHtml(complete);
    }
    EmailTemplate.Style style =
        body.object("style").map(this::style).orElse(EmailTemplate.Style.DEFAULT);
    EmailTemplate.Footer footer =
        body.object("footer").map(this::footer).orElse(EmailTemplate.Footer.DEFAULT);
    return new EmailTemplate(
        subject, preheader, format, simple, blocks, custom, style, footer, json);
  }

  private String format() {
    Optional<String> given = body.oneOf("format", EmailTemplate.FORMATS);
    if (given.isPresent()) {
      return given.get();
    }
    if (body.has("blocks")) {
      return "blocks";
    }
    if (body.has("html")) {
      return "custom_html";
    }
    return "simple";
  }

  private Markup simpleText(boolean complete) {
    for (String other : List.of("blocks", "html")) {
      if (body.has(other)) {
        throw body.invalid(other, "does not apply to format simple (it uses text)");
      }
    }
    return text(body, "text", Markup.Escape.HTML, complete, 100_000);
  }

  private Markup customHtml(boolean complete) {
    for (String other : List.of("blocks", "text")) {
      if (body.has(other)) {
        throw body.invalid(other, "does not apply to format custom_html (it uses html)");
      }
    }
    Optional<String> html = body.string("html");
    if (html.isEmpty()) {
      if (complete) {
        throw body.invalid("html", "is required for format custom_html");
      }
      return Markup.EMPTY;
    }
    if (html.get().length() > 500_000) {
      throw body.invalid("html", "is longer than 500,000 characters");
    }
    json.put("html", html.get());
    return compile(body, "html", () -> HtmlPolicy.compile(html.get(), HtmlPolicy.Mode.DOCUMENT));
  }

  private List<EmailTemplate.Block> blocks(boolean complete) {
    for (String other : List.of("text", "html")) {
      if (body.has(other)) {
        throw body.invalid(other, "does not apply to format blocks (it uses blocks)");
      }
    }
    List<Body> specs = body.objects("blocks").orElse(List.of());
    if (specs.isEmpty() && complete) {
      throw body.invalid("blocks", "must hold at least one block");
    }
    if (specs.size() > 200) {
      throw body.invalid("blocks", "may hold at most 200 blocks");
    }
    ArrayNode out = json.putArray("blocks");
    List<EmailTemplate.Block> blocks = new ArrayList<>();
    for (Body spec : specs) {
      ObjectNode normalized = Json.object();
      blocks.add(new BlockParser(this, spec, normalized).parse());
      out.add(normalized);
    }
    return List.copyOf(blocks);
  }

  private EmailTemplate.Style style(Body s) {
    ObjectNode out = json.putObject("style");
    EmailTemplate.Style d = EmailTemplate.Style.DEFAULT;
    known(
        s,
        "background",
        "content_background",
        "content_width",
        "border",
        "logo_url",
        "align",
        "font_family",
        "text_color",
        "link_color",
        "code_images");
    String background = color(s, "background", d.background(), out);
    String content = color(s, "content_background", d.contentBackground(), out);
    int width = (int) range(s, "content_width", 320, 800, d.contentWidth(), out);
    String border =
        s.string("border")
            .map(
                b -> {
                  if (!BORDER.matcher(b).matches()) {
                    throw s.invalid("border", "must look like '1px solid #eeeeee'");
                  }
                  return b;
                })
            .orElse(null);
    if (border != null) {
      out.put("border", border);
    }
    String logo = s.string("logo_url").map(u -> staticUrl(s, "logo_url", u)).orElse(null);
    if (logo != null) {
      out.put("logo_url", logo);
    }
    String align = s.oneOf("align", List.of("left", "center")).orElse(d.align());
    out.put("align", align);
    String font = s.oneOf("font_family", List.copyOf(FONTS.keySet())).orElse(null);
    if (font != null) {
      out.put("font_family", font);
    }
    String text = color(s, "text_color", d.textColor(), out);
    String link = color(s, "link_color", d.linkColor(), out);
    String images = s.oneOf("code_images", List.of("url", "inline")).orElse("url");
    out.put("code_images", images);
    return new EmailTemplate.Style(
        background,
        content,
        width,
        border,
        logo,
        align,
        font == null ? d.fontFamily() : FONTS.get(font),
        text,
        link,
        images.equals("inline"));
  }

  private EmailTemplate.Footer footer(Body f) {
    ObjectNode out = json.putObject("footer");
    known(f, "text", "color");
    Markup text =
        compile(f, "text", () -> plainText(f.string("text").orElse(""), Markup.Escape.HTML));
    f.string("text").ifPresent(t -> out.put("text", t));
    String color = color(f, "color", EmailTemplate.Footer.DEFAULT.color(), out);
    return new EmailTemplate.Footer(text, color);
  }

  /** Compiles a plain text field (escaped for where it goes) and records it. */
  Markup text(Body b, String field, Markup.Escape escape, boolean required, int maxLength) {
    ObjectNode out = b == body ? json : null;
    Optional<String> value = b.string(field);
    if (value.isEmpty() || value.get().isBlank()) {
      if (required) {
        throw b.invalid(field, "is required");
      }
      return Markup.EMPTY;
    }
    if (value.get().length() > maxLength) {
      throw b.invalid(field, "is longer than " + maxLength + " characters");
    }
    if (out != null) {
      out.put(field, value.get());
    }
    return compile(b, field, () -> plainText(value.get(), escape));
  }

  /** Plain text for a place: in HTML its literal parts are escaped and line breaks kept. */
  static Markup plainText(String text, Markup.Escape escape) {
    if (escape == Markup.Escape.HTML) {
      return new Markup.Builder().escapedLines(text, escape).build();
    }
    return Markup.text(text, escape);
  }

  /** Compiles with {@code compiler}, turning problems into a 400 naming the field. */
  Markup compile(Body b, String field, java.util.function.Supplier<Markup> compiler) {
    Markup m;
    try {
      m = compiler.get();
      if (checkVariables) {
        VariableCatalog.check(trigger, m.variables());
      }
    } catch (TemplateException e) {
      throw b.invalid(field, e.getMessage());
    }
    return m;
  }

  static void known(Body b, String... fields) {
    List<String> allowed = List.of(fields);
    for (String f : b.node().propertyNames()) {
      if (!allowed.contains(f)) {
        throw b.invalid(f, "is not a known field here (known: " + String.join(", ", allowed) + ")");
      }
    }
  }

  static String color(Body b, String field, String fallback, ObjectNode out) {
    String value =
        b.string(field)
            .map(
                c -> {
                  if (!COLOR.matcher(c).matches()) {
                    throw b.invalid(field, "must be a hex color like #1a73e8 (got '" + c + "')");
                  }
                  return c.toLowerCase(java.util.Locale.ROOT);
                })
            .orElse(fallback);
    if (b.has(field) && out != null) {
      out.put(field, value);
    }
    return value;
  }

  static long range(Body b, String field, long min, long max, long fallback, ObjectNode out) {
    long value = b.integer(field).orElse(fallback);
    if (b.integer(field).isPresent() && (value < min || value > max)) {
      throw b.invalid(field, "must be between " + min + " and " + max);
    }
    if (b.has(field) && out != null) {
      out.put(field, value);
    }
    return value;
  }

  static String staticUrl(Body b, String field, String url) {
    String scheme = Html.scheme(url);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw b.invalid(field, "must be an absolute http or https URL");
    }
    if (url.contains("{{")) {
      throw b.invalid(field, "may not use variables");
    }
    return url;
  }
}
