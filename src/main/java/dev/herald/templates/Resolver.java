package dev.herald.templates;

import dev.herald.shared.Times;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Resolves and writes the variables of one render: plain paths into the snapshot, derived values,
 * filters, and escaping for where each slot stands. {@code qr_code}/{@code barcode} in HTML become
 * images (linked, or inline MIME parts that are drawn here).
 */
final class Resolver implements Markup.Values {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final RenderInput input;
  private final PublicLinks links;
  private final boolean inlineImages;
  private final ZoneId zone;
  private final List<InlineImage> images = new ArrayList<>();
  private Supplier<String> footer = () -> "";

  Resolver(RenderInput input, PublicLinks links, boolean inlineImages) {
    this.input = input;
    this.links = links;
    this.inlineImages = inlineImages;
    this.zone = input.project().timeZone();
  }

  void footer(Supplier<String> footerHtml) {
    this.footer = footerHtml;
  }

  List<InlineImage> images() {
    return images;
  }

  JsonNode brand() {
    return input.project().brand();
  }

  /** A plain path into the snapshot (missing node when absent). */
  JsonNode at(String path) {
    JsonNode current = input.data();
    int start = 0;
    while (current != null && !current.isMissingNode() && start <= path.length()) {
      int dot = path.indexOf('.', start);
      String part = dot < 0 ? path.substring(start) : path.substring(start, dot);
      if (current.isArray() && !part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
        current = current.path(Integer.parseInt(part));
      } else {
        current = current.path(part);
      }
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    return current == null ? MissingNode.getInstance() : current;
  }

  JsonNode value(String path) {
    Function<Resolver, JsonNode> derived = Derivations.of(path);
    JsonNode v = derived == null ? at(path) : derived.apply(this);
    return v == null ? MissingNode.getInstance() : v;
  }

  String code() {
    String fromSnapshot = at("voucher.code").asString("");
    if (!fromSnapshot.isEmpty()) {
      return fromSnapshot;
    }
    return input.voucherCode() == null || input.voucherCode().isEmpty()
        ? null
        : input.voucherCode();
  }

  String codeImageUrl(PublicLinks.Kind kind) {
    String code = code();
    if (code == null) {
      return null;
    }
    return links.url("/public/codes/", kind, input.project().id(), code) + ".png";
  }

  String unsubscribeUrl() {
    if (input.customerId() == null) {
      return null;
    }
    return links.url(
        "/public/unsubscribe/",
        PublicLinks.Kind.UNSUBSCRIBE,
        input.project().id(),
        input.customerId(),
        input.messageId() == null ? "preview" : input.messageId());
  }

  String cockpitUrl() {
    if (input.customerId() == null) {
      return null;
    }
    return links.url(
        "/public/cockpit/", PublicLinks.Kind.COCKPIT, input.project().id(), input.customerId());
  }

  /** The text of a path with its filters applied. */
  String text(Placeholder p) {
    JsonNode value = value(p.path());
    String text = plain(value);
    for (Placeholder.Filter f : p.filters()) {
      text = apply(f, value, text);
    }
    return text;
  }

  private String apply(Placeholder.Filter f, JsonNode value, String text) {
    switch (f.name()) {
      case "default":
        return text.isEmpty() ? f.argument() : text;
      case "upper":
        return text.toUpperCase(Locale.ROOT);
      case "lower":
        return text.toLowerCase(Locale.ROOT);
      case "money":
        return value.isNumber() ? Derivations.money(value) : text;
      case "date":
        return date(text, DATE);
      case "datetime":
        return date(text, DATETIME);
      default:
        return text;
    }
  }

  private String date(String text, DateTimeFormatter format) {
    if (text.isEmpty()) {
      return text;
    }
    Instant instant = Times.parseOrNull(text);
    if (instant != null) {
      return format.format(instant.atZone(zone));
    }
    try {
      return format == DATE
          ? LocalDate.parse(text.substring(0, Math.min(10, text.length()))).toString()
          : text;
    } catch (RuntimeException e) {
      return text;
    }
  }

  static String plain(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull() || v.isContainer()) {
      return "";
    }
    if (v.isString()) {
      return v.stringValue();
    }
    return Derivations.plain(v);
  }

  @Override
  public void write(StringBuilder out, Markup.Slot slot) {
    String path = slot.placeholder().path();
    Markup.Escape escape = slot.escape();
    if (escape == Markup.Escape.HTML) {
      if (path.equals("qr_code") || path.equals("barcode")) {
        image(out, path.equals("qr_code") ? CodeImages.Kind.QR : CodeImages.Kind.BARCODE, 0);
        return;
      }
      if (path.equals("brand_footer")) {
        out.append(footer.get());
        return;
      }
    }
    String text = text(slot.placeholder());
    switch (escape) {
      case NONE -> out.append(text);
      case HEADER -> out.append(text.replace('\r', ' ').replace('\n', ' '));
      case HTML, ATTRIBUTE -> Html.escape(out, text);
      case URL_START -> Html.escape(out, Html.absoluteSafeUrl(text) ? text.trim() : "#");
      case URL_PART ->
          Html.escape(out, URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
    }
  }

  /** The voucher's code as an image element (nothing when the message carries no code). */
  void image(StringBuilder out, CodeImages.Kind kind, int displayWidth) {
    String code = code();
    if (code == null) {
      return;
    }
    String alt = (kind == CodeImages.Kind.QR ? "QR code " : "Barcode ") + code;
    String src;
    String size;
    if (inlineImages) {
      CodeImages.Image png = CodeImages.png(kind, code, 0);
      String cid = kind.key + "-" + images.size() + "@herald";
      images.add(new InlineImage(cid, png.contentType(), png.bytes()));
      src = "cid:" + cid;
      int w = displayWidth > 0 ? displayWidth : png.width();
      int h = displayWidth > 0 ? png.height() * displayWidth / png.width() : png.height();
      size =
          "width=\""
              + w
              + "\" height=\""
              + h
              + "\" style=\"display:block;border:0;outline:none;width:"
              + w
              + "px;height:"
              + h
              + "px;\"";
    } else {
      src =
          codeImageUrl(kind == CodeImages.Kind.QR ? PublicLinks.Kind.QR : PublicLinks.Kind.BARCODE);
      int w = displayWidth > 0 ? displayWidth : kind == CodeImages.Kind.QR ? 165 : 260;
      size =
          "width=\""
              + w
              + "\" style=\"display:block;border:0;outline:none;width:"
              + w
              + "px;max-width:100%;height:auto;\"";
    }
    out.append("<img src=\"");
    Html.escape(out, src);
    out.append("\" alt=\"");
    Html.escape(out, alt);
    out.append("\" ").append(size).append(" />");
  }
}
