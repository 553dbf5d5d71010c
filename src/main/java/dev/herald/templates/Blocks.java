package dev.herald.templates;

import java.util.Map;

/** One table row per block, every style inline (what mail clients keep). */
final class Blocks {

  private Blocks() {}

  static void render(
      StringBuilder h, EmailTemplate.Block block, EmailTemplate.Style s, Resolver r) {
    if (block instanceof EmailTemplate.Text t) {
      text(h, t, s, r);
    } else if (block instanceof EmailTemplate.Code c) {
      code(h, c, s, r);
    } else if (block instanceof EmailTemplate.Image i) {
      image(h, i, s, r);
    } else if (block instanceof EmailTemplate.Button b) {
      button(h, b, s, r);
    } else if (block instanceof EmailTemplate.Divider d) {
      divider(h, d, s);
    } else if (block instanceof EmailTemplate.Social so) {
      social(h, so, s, r);
    } else if (block instanceof EmailTemplate.Spacer sp) {
      h.append("<tr><td style=\"height:")
          .append(sp.height())
          .append("px;line-height:")
          .append(sp.height())
          .append("px;font-size:1px;\">&nbsp;</td></tr>\n");
    }
  }

  private static void text(
      StringBuilder h, EmailTemplate.Text t, EmailTemplate.Style s, Resolver r) {
    EmailRenderer.row(
        h,
        t.color() == null ? s : recolor(s, t.color()),
        t.align(),
        "padding:12px 32px;font-size:" + t.fontSize() + "px;line-height:1.5;");
    t.html().render(h, r);
    EmailRenderer.endRow(h);
  }

  private static EmailTemplate.Style recolor(EmailTemplate.Style s, String color) {
    return new EmailTemplate.Style(
        s.background(),
        s.contentBackground(),
        s.contentWidth(),
        s.border(),
        s.logoUrl(),
        s.align(),
        s.fontFamily(),
        color,
        s.linkColor(),
        s.inlineImages());
  }

  private static void code(
      StringBuilder h, EmailTemplate.Code c, EmailTemplate.Style s, Resolver r) {
    String code = r.code();
    if (code == null) {
      return;
    }
    EmailRenderer.row(h, s, c.align(), "padding:16px 32px;");
    if (!c.label().isEmpty()) {
      h.append("<p style=\"margin:0 0 8px 0;font-size:14px;\">");
      c.label().render(h, r);
      h.append("</p>");
    }
    String align =
        c.align().equals("center")
            ? "margin:0 auto;"
            : c.align().equals("right") ? "margin:0 0 0 auto;" : "";
    if (!c.show().equals("text")) {
      h.append(
              "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"")
          .append(align)
          .append("\"><tr><td>");
      r.image(h, c.show().equals("qr") ? CodeImages.Kind.QR : CodeImages.Kind.BARCODE, 0);
      h.append("</td></tr></table>");
    }
    h.append(
            "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"")
        .append(align)
        .append("\"><tr><td style=\"padding:10px 18px;border:2px dashed ")
        .append(s.textColor())
        .append(";font-family:'Courier New', Courier, monospace;font-size:")
        .append(c.show().equals("text") ? 24 : 16)
        .append("px;font-weight:bold;letter-spacing:2px;color:")
        .append(s.textColor())
        .append(";\">");
    Html.escape(h, code);
    h.append("</td></tr></table>");
    EmailRenderer.endRow(h);
  }

  private static void image(
      StringBuilder h, EmailTemplate.Image i, EmailTemplate.Style s, Resolver r) {
    String src = i.src().render(r);
    if (src.isEmpty() || src.equals("#")) {
      return;
    }
    EmailRenderer.row(h, s, i.align(), "padding:12px 32px;");
    int max = s.contentWidth() - 64;
    int width = i.width() > 0 ? Math.min(i.width(), max) : max;
    String link = i.link().isEmpty() ? "" : i.link().render(r);
    if (!link.isEmpty()) {
      h.append("<a href=\"")
          .append(link)
          .append("\" target=\"_blank\" style=\"text-decoration:none;\">");
    }
    h.append("<img class=\"herald-fluid\" src=\"").append(src).append("\" alt=\"");
    i.alt().render(h, r);
    h.append("\" width=\"")
        .append(width)
        .append("\" style=\"display:inline-block;border:0;outline:none;text-decoration:none;width:")
        .append(width)
        .append("px;max-width:100%;height:auto;\" />");
    if (!link.isEmpty()) {
      h.append("</a>");
    }
    EmailRenderer.endRow(h);
  }

  private static void button(
      StringBuilder h, EmailTemplate.Button b, EmailTemplate.Style s, Resolver r) {
    String href = b.href().render(r);
    int[] pad =
        switch (b.size()) {
          case "small" -> new int[] {8, 16, 14};
          case "large" -> new int[] {16, 36, 18};
          default -> new int[] {12, 24, 16};
        };
    EmailRenderer.row(h, s, b.align(), "padding:16px 32px;");
    String margin =
        b.align().equals("center")
            ? "margin:0 auto;"
            : b.align().equals("right") ? "margin:0 0 0 auto;" : "";
    h.append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"")
        .append(b.fullWidth() ? " width=\"100%\"" : "")
        .append(" style=\"border-collapse:separate;")
        .append(margin)
        .append("\"><tr><td align=\"center\" bgcolor=\"")
        .append(b.color())
        .append("\" style=\"border-radius:")
        .append(b.radius())
        .append("px;background-color:")
        .append(b.color())
        .append(";\"><a href=\"")
        .append(href)
        .append("\" target=\"_blank\" style=\"display:")
        .append(b.fullWidth() ? "block" : "inline-block")
        .append(";padding:")
        .append(pad[0])
        .append("px ")
        .append(pad[1])
        .append("px;font-family:")
        .append(s.fontFamily())
        .append(";font-size:")
        .append(pad[2])
        .append("px;font-weight:bold;line-height:1.2;color:")
        .append(b.textColor())
        .append(";text-decoration:none;border-radius:")
        .append(b.radius())
        .append("px;\">");
    b.label().render(h, r);
    h.append("</a></td></tr></table>");
    EmailRenderer.endRow(h);
  }

  private static void divider(StringBuilder h, EmailTemplate.Divider d, EmailTemplate.Style s) {
    h.append("<tr><td class=\"herald-pad\" align=\"center\" style=\"padding:12px 32px;\">")
        .append("<table role=\"presentation\" width=\"")
        .append(d.width())
        .append(
            "%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\">")
        .append("<tr><td style=\"border-top:")
        .append(d.thickness())
        .append("px solid ")
        .append(d.color())
        .append(";font-size:1px;line-height:1px;height:1px;\">&nbsp;</td></tr></table>");
    EmailRenderer.endRow(h);
  }

  private static void social(
      StringBuilder h, EmailTemplate.Social so, EmailTemplate.Style s, Resolver r) {
    EmailRenderer.row(h, s, so.align(), "padding:16px 32px;");
    String margin =
        so.align().equals("center")
            ? "margin:0 auto;"
            : so.align().equals("right") ? "margin:0 0 0 auto;" : "";
    h.append(
            "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"")
        .append(margin)
        .append("\"><tr>");
    for (Map.Entry<String, Markup> link : so.links().entrySet()) {
      h.append("<td style=\"padding:0 6px;\"><a href=\"");
      link.getValue().render(h, r);
      h.append(
              "\" target=\"_blank\" style=\"display:inline-block;padding:6px 12px;border:1px solid ")
          .append(so.color())
          .append(";border-radius:14px;font-family:")
          .append(s.fontFamily())
          .append(";font-size:13px;line-height:1.2;color:")
          .append(so.color())
          .append(";text-decoration:none;\">")
          .append(EmailRenderer.socialLabel(link.getKey()))
          .append("</a></td>");
    }
    h.append("</tr></table>");
    EmailRenderer.endRow(h);
  }
}
