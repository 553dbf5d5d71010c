package dev.herald.templates;

import java.util.Locale;
import java.util.Set;

/**
 * What marketers' HTML may contain: the allow-list of a text block, the deny-list of custom HTML
 * (active content), which attributes hold URLs, and what CSS may not do.
 */
final class HtmlRules {

  static final Set<String> VOID =
      Set.of(
          "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
          "source", "track", "wbr");
  static final Set<String> FRAGMENT_TAGS =
      Set.of(
          "a",
          "b",
          "strong",
          "i",
          "em",
          "u",
          "s",
          "strike",
          "del",
          "ins",
          "sub",
          "sup",
          "small",
          "big",
          "br",
          "p",
          "div",
          "span",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "ul",
          "ol",
          "li",
          "blockquote",
          "pre",
          "code",
          "hr",
          "font",
          "center",
          "img",
          "table",
          "thead",
          "tbody",
          "tfoot",
          "tr",
          "td",
          "th");
  static final Set<String> FRAGMENT_ATTRIBUTES =
      Set.of(
          "href",
          "target",
          "title",
          "style",
          "align",
          "valign",
          "color",
          "size",
          "face",
          "width",
          "height",
          "src",
          "alt",
          "colspan",
          "rowspan",
          "border",
          "cellpadding",
          "cellspacing",
          "bgcolor",
          "dir",
          "lang",
          "rel",
          "class",
          "role");
  static final Set<String> FORBIDDEN_TAGS =
      Set.of(
          "script",
          "iframe",
          "frame",
          "frameset",
          "object",
          "embed",
          "applet",
          "base",
          "form",
          "input",
          "button",
          "textarea",
          "select",
          "option",
          "link",
          "svg",
          "math",
          "template",
          "portal",
          "param",
          "audio",
          "video",
          "source",
          "track",
          "noembed",
          "xmp",
          "plaintext");
  static final Set<String> URL_ATTRIBUTES =
      Set.of(
          "href",
          "src",
          "background",
          "action",
          "formaction",
          "poster",
          "cite",
          "longdesc",
          "lowsrc",
          "dynsrc",
          "data",
          "xlink:href",
          "srcset",
          "usemap",
          "codebase",
          "manifest");
  static final Set<String> RAW_TEXT = Set.of("style", "title");

  private HtmlRules() {}

  private static String where(HtmlPolicy.Mode mode) {
    return mode == HtmlPolicy.Mode.FRAGMENT ? "a text block" : "custom HTML";
  }

  static void checkTag(String name, HtmlPolicy.Mode mode) {
    if (name.equals("script") || FORBIDDEN_TAGS.contains(name)) {
      throw new TemplateException(where(mode) + " may not contain <" + name + ">");
    }
    if (mode == HtmlPolicy.Mode.FRAGMENT && !FRAGMENT_TAGS.contains(name)) {
      throw new TemplateException("a text block may not contain <" + name + ">");
    }
  }

  static void checkAttribute(String tag, String attr, HtmlPolicy.Mode mode) {
    if (attr.startsWith("on")) {
      throw new TemplateException(
          "event handler attributes are not allowed (" + attr + " on <" + tag + ">)");
    }
    if (mode == HtmlPolicy.Mode.FRAGMENT && !FRAGMENT_ATTRIBUTES.contains(attr)) {
      throw new TemplateException(
          "attribute " + attr + " is not allowed on <" + tag + "> in a text block");
    }
    if (attr.equals("srcdoc") || attr.equals("formaction") || attr.startsWith("xmlns:")) {
      throw new TemplateException("attribute " + attr + " is not allowed");
    }
  }

  /** Markup hidden in a comment (Outlook conditional comments) may not be active either. */
  static void checkComment(String comment) {
    String lower = comment.toLowerCase(Locale.ROOT);
    if (lower.contains("<script")) {
      throw new TemplateException("custom HTML may not contain <script> (found in a comment)");
    }
    if (lower.contains("javascript:")) {
      throw new TemplateException("custom HTML may not contain javascript: URLs (in a comment)");
    }
  }

  static void checkCss(String css, String where) {
    String c = Html.decode(css).replace("\\", "").replaceAll("/\\*.*?\\*/", "");
    String lower = c.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    for (String bad :
        new String[] {
          "expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding", "@import"
        }) {
      if (lower.contains(bad)) {
        throw new TemplateException(where + " may not use " + bad.replace("(", "()"));
      }
    }
  }

  /**
   * The literal start of a URL attribute: http(s), mailto, tel, cid, relative, or an inline image.
   */
  static void checkUrl(String tag, String attr, String literalStart) {
    boolean image = tag.equals("img") && attr.equals("src");
    if (!Html.safeUrl(literalStart) && !(image && safeDataImage(literalStart))) {
      throw new TemplateException(
          "<"
              + tag
              + "> "
              + attr
              + " uses a "
              + Html.scheme(literalStart)
              + ": URL, which is not allowed (use http, https, mailto or tel)");
    }
  }

  private static boolean safeDataImage(String url) {
    String u = url.trim().toLowerCase(Locale.ROOT);
    return u.startsWith("data:image/png;base64,")
        || u.startsWith("data:image/gif;base64,")
        || u.startsWith("data:image/jpeg;base64,")
        || u.startsWith("data:image/webp;base64,");
  }
}
