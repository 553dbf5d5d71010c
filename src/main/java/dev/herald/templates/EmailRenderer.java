package dev.herald.templates;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Renders an email template to responsive, table-based HTML with inlined styles (one centered
 * container table; a media query only widens it on small screens, so clients that drop {@code
 * <style>} still get the full layout), the hidden preheader, the brand footer with the unsubscribe
 * link in every email, and the plain-text alternative derived from the HTML.
 */
final class EmailRenderer {

  private static final Map<String, String> SOCIAL_LABELS =
      Map.of(
          "linkedin", "LinkedIn",
          "facebook", "Facebook",
          "instagram", "Instagram",
          "x", "X",
          "youtube", "YouTube");
  private static final String PREHEADER_PAD = "&#8199;&#65279;&#847; ".repeat(30);

  private EmailRenderer() {}

  static RenderedEmail render(EmailTemplate t, Resolver r) {
    EmailTemplate.Style s = t.style();
    String subject = t.subject().render(r).trim();
    String preheader = t.preheader().render(r);
    r.footer(() -> footer(t, r));
    String html =
        t.format().equals("custom_html") ? custom(t, r) : layout(t, r, subject, preheader, s);
    return new RenderedEmail(
        subject, HtmlText.of(preheader).trim(), html, HtmlText.of(html), r.images());
  }

  private static String custom(EmailTemplate t, Resolver r) {
    boolean ownFooter = t.customHtml().variables().contains("brand_footer");
    String html = t.customHtml().render(r);
    if (ownFooter) {
      return html;
    }
    String footer = footer(t, r);
    int body = HtmlPolicy.indexOfIgnoreCase(html, "</body", 0);
    return body < 0 ? html + footer : html.substring(0, body) + footer + html.substring(body);
  }

  private static String layout(
      EmailTemplate t, Resolver r, String subject, String preheader, EmailTemplate.Style s) {
    StringBuilder h = new StringBuilder(8192);
    head(h, subject, preheader, s);
    openContainer(h, s);
    if (s.logoUrl() != null) {
      row(h, s, "center", "padding:24px 32px 8px 32px;");
      h.append("<img src=\"");
      Html.escape(h, s.logoUrl());
      h.append("\" alt=\"");
      Html.escape(h, r.brand().path("name").asString(""));
      h.append(
          "\" width=\"160\" style=\"display:inline-block;border:0;outline:none;width:160px;max-width:100%;height:auto;\" />");
      endRow(h);
    }
    if (t.format().equals("simple")) {
      row(h, s, "left", "padding:16px 32px;font-size:16px;line-height:1.5;");
      t.simpleText().render(h, r);
      endRow(h);
    } else {
      for (EmailTemplate.Block block : t.blocks()) {
        Blocks.render(h, block, s, r);
      }
    }
    closeContainer(h, s, footer(t, r));
    return h.toString();
  }

  /** The head (title, the one media query), the body's background and the hidden preheader. */
  private static void head(
      StringBuilder h, String subject, String preheader, EmailTemplate.Style s) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
        .append("<meta charset=\"utf-8\" />\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        .append("<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\" />\n")
        .append("<meta name=\"x-apple-disable-message-reformatting\" />\n")
        .append("<title>");
    Html.escape(h, subject);
    h.append("</title>\n<style>\n")
        .append("@media only screen and (max-width:")
        .append(s.contentWidth() + 20)
        .append("px){.herald-container{width:100% !important;max-width:100% !important}")
        .append(".herald-pad{padding-left:16px !important;padding-right:16px !important}")
        .append("img.herald-fluid{width:100% !important;height:auto !important}}\n")
        .append("</style>\n</head>\n<body style=\"margin:0;padding:0;width:100%;background-color:")
        .append(s.background())
        .append(";\">\n");
    if (!preheader.isBlank()) {
      h.append("<div style=\"display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;")
          .append("opacity:0;overflow:hidden;mso-hide:all;\">")
          .append(preheader)
          .append(PREHEADER_PAD)
          .append("</div>\n");
    }
  }

  /** The full-width background table, Outlook's fixed-width wrapper, and the content table. */
  private static void openContainer(StringBuilder h, EmailTemplate.Style s) {
    h.append(
            "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"")
        .append(" style=\"border-collapse:collapse;background-color:")
        .append(s.background())
        .append(";\">\n<tr><td align=\"")
        .append(s.align())
        .append("\" style=\"padding:24px 0;\">\n")
        .append("<!--[if mso]><table role=\"presentation\" width=\"")
        .append(s.contentWidth())
        .append("\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]-->\n")
        .append("<table role=\"presentation\" class=\"herald-container\" width=\"")
        .append(s.contentWidth())
        .append(
            "\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:")
        .append(s.contentWidth())
        .append("px;max-width:")
        .append(s.contentWidth())
        .append("px;background-color:")
        .append(s.contentBackground())
        .append(';');
    if (s.border() != null) {
      h.append("border:").append(s.border()).append(';');
    }
    h.append("\">\n");
  }

  /** Closes the content table; the footer goes in a table of the same width below it. */
  private static void closeContainer(StringBuilder h, EmailTemplate.Style s, String footer) {
    h.append("</table>\n<!--[if mso]></td></tr></table><![endif]-->\n")
        .append("<table role=\"presentation\" class=\"herald-container\" width=\"")
        .append(s.contentWidth())
        .append(
            "\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:")
        .append(s.contentWidth())
        .append("px;max-width:")
        .append(s.contentWidth())
        .append("px;\">\n<tr><td class=\"herald-pad\" align=\"center\" style=\"padding:0 32px;\">")
        .append(footer)
        .append("</td></tr>\n</table>\n")
        .append("</td></tr>\n</table>\n</body>\n</html>\n");
  }

  static void row(StringBuilder h, EmailTemplate.Style s, String align, String extra) {
    h.append("<tr><td class=\"herald-pad\" align=\"")
        .append(align)
        .append("\" style=\"")
        .append(extra)
        .append("text-align:")
        .append(align)
        .append(";font-family:")
        .append(s.fontFamily())
        .append(";color:")
        .append(s.textColor())
        .append(";\">");
  }

  static void endRow(StringBuilder h) {
    h.append("</td></tr>\n");
  }

  /**
   * The brand footer every marketing email carries: the template's footer text, the company name
   * and postal address, the permission reminder, privacy and terms links, and the unsubscribe link.
   */
  static String footer(EmailTemplate t, Resolver r) {
    JsonNode brand = r.brand();
    String color = t.footer().color();
    String font = t.style().fontFamily();
    StringBuilder f = new StringBuilder(1024);
    f.append("<div class=\"herald-footer\" style=\"padding:24px 0;text-align:center;font-family:")
        .append(font)
        .append(";font-size:12px;line-height:1.5;color:")
        .append(color)
        .append(";\">");
    if (!t.footer().text().isEmpty()) {
      f.append("<p style=\"margin:0 0 12px 0;\">");
      t.footer().text().render(f, r);
      f.append("</p>");
    }
    String name = brand.path("name").asString("");
    String address = Derivations.address(brand.path("address"));
    f.append("<p style=\"margin:0 0 8px 0;\">");
    if (!name.isBlank()) {
      f.append("<strong>");
      Html.escape(f, name);
      f.append("</strong>");
    }
    if (address != null) {
      f.append(name.isBlank() ? "" : "<br />");
      Html.escape(f, address);
    }
    f.append("</p>");
    String reminder = brand.path("permission_reminder").asString("");
    if (!reminder.isBlank()) {
      f.append("<p style=\"margin:0 0 8px 0;\">");
      Html.escape(f, reminder);
      f.append("</p>");
    }
    f.append("<p style=\"margin:0;\">");
    boolean first = true;
    for (String[] link :
        new String[][] {
          {brand.path("privacy_url").asString(""), "Privacy policy"},
          {brand.path("terms_url").asString(""), "Terms"}
        }) {
      if (!link[0].isBlank() && Html.absoluteSafeUrl(link[0])) {
        first = footerLink(f, link[0], link[1], color, first);
      }
    }
    String unsubscribe = r.unsubscribeUrl();
    if (unsubscribe != null) {
      footerLink(f, unsubscribe, "Unsubscribe", color, first);
    }
    f.append("</p></div>");
    return f.toString();
  }

  private static boolean footerLink(
      StringBuilder f, String href, String label, String color, boolean first) {
    if (!first) {
      f.append(" &middot; ");
    }
    f.append("<a href=\"");
    Html.escape(f, href);
    f.append("\" style=\"color:").append(color).append(";text-decoration:underline;\">");
    Html.escape(f, label);
    f.append("</a>");
    return false;
  }

  static String socialLabel(String network) {
    return SOCIAL_LABELS.get(network);
  }
}
