package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlPolicyTest {

  private static String compileAndShow(String html, HtmlPolicy.Mode mode) {
    return HtmlPolicy.compile(html, mode)
        .render(
            (out, slot) -> out.append("[" + slot.escape() + ":" + slot.placeholder().path() + "]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<script>alert(1)</script>",
        "<SCRIPT src=//evil.example/x.js></SCRIPT>",
        "<p onclick=\"alert(1)\">x</p>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\" JaVaScRiPt&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"x.swf\"></object>",
        "<embed src=\"x.swf\">",
        "<form action=\"https://evil.example\"><input name=a></form>",
        "<svg><script>alert(1)</script></svg>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<p style=\"width:expression(alert(1))\">x</p>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<!--[if gte mso 9]><script>alert(1)</script><![endif]-->"
      })
  void activeContentIsRefusedInCustomHtml(String html) {
    assertThatThrownBy(
            () ->
                HtmlPolicy.compile(
                    "<html><body>" + html + "</body></html>", HtmlPolicy.Mode.DOCUMENT))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void scriptsAreNamedInTheError() {
    assertThatThrownBy(
            () -> HtmlPolicy.compile("<p>hi</p><script>x()</script>", HtmlPolicy.Mode.DOCUMENT))
        .hasMessage("custom HTML may not contain <script>");
    assertThatThrownBy(
            () -> HtmlPolicy.compile("<b onmouseover=x()>hi</b>", HtmlPolicy.Mode.FRAGMENT))
        .hasMessageContaining("onmouseover");
  }

  @Test
  void textBlocksAllowFormattingOnly() {
    assertThat(
            compileAndShow(
                "<p style=\"color:#f00\">Hi <b>{{customer.name}}</b><br><a href=\"https://x.example/?a=1&amp;b=2\" target=\"_blank\">go</a></p>",
                HtmlPolicy.Mode.FRAGMENT))
        .isEqualTo(
            "<p style=\"color:#f00\">Hi <b>[HTML:customer.name]</b><br><a href=\"https://x.example/?a=1&amp;b=2\" target=\"_blank\">go</a></p>");
    assertThatThrownBy(
            () ->
                HtmlPolicy.compile(
                    "<table><tr><td><video src=x.mp4></video></td></tr></table>",
                    HtmlPolicy.Mode.FRAGMENT))
        .hasMessageContaining("<video>");
    assertThatThrownBy(() -> HtmlPolicy.compile("<p data-x=\"1\">x</p>", HtmlPolicy.Mode.FRAGMENT))
        .hasMessageContaining("data-x");
  }

  @Test
  void variablesAreEscapedForWhereTheyStand() {
    assertThat(
            compileAndShow(
                "<a href=\"{{customer.assets.cockpit_url}}?x=1\" title=\"Hi {{customer.name}}\">"
                    + "<img src=\"https://cdn.example/{{voucher.code}}.png\" alt=\"{{voucher.code}}\"></a>",
                HtmlPolicy.Mode.FRAGMENT))
        .isEqualTo(
            "<a href=\"[URL_START:customer.assets.cockpit_url]?x=1\" title=\"Hi [ATTRIBUTE:customer.name]\">"
                + "<img src=\"https://cdn.example/[URL_PART:voucher.code].png\" alt=\"[ATTRIBUTE:voucher.code]\"></a>");
  }

  @Test
  void variablesAreRefusedInsideStyles() {
    assertThatThrownBy(
            () ->
                HtmlPolicy.compile(
                    "<p style=\"color:{{customer.metadata.color}}\">x</p>",
                    HtmlPolicy.Mode.FRAGMENT))
        .hasMessageContaining("style");
    assertThatThrownBy(
            () -> HtmlPolicy.compile("<style>p{color:{{x}}}</style>", HtmlPolicy.Mode.DOCUMENT))
        .hasMessageContaining("<style>");
  }

  @Test
  void unbalancedTextBlockMarkupIsMalformedButOpenTagsAreClosed() {
    assertThatThrownBy(() -> HtmlPolicy.compile("<p>x</td></tr></table>", HtmlPolicy.Mode.FRAGMENT))
        .hasMessageContaining("malformed HTML");
    assertThat(compileAndShow("<p><b>bold", HtmlPolicy.Mode.FRAGMENT))
        .isEqualTo("<p><b>bold</b></p>");
    assertThatThrownBy(() -> HtmlPolicy.compile("<p title=\"open>x</p>", HtmlPolicy.Mode.FRAGMENT))
        .hasMessageContaining("never closed");
  }

  @Test
  void attributeEntityTricksAreReEscaped() {
    assertThat(compileAndShow("<p title='a\"b&lt;c'>x</p>", HtmlPolicy.Mode.FRAGMENT))
        .isEqualTo("<p title=\"a&quot;b&lt;c\">x</p>");
  }

  @Test
  void inlineImagesAsDataUrisAreAllowedButNotOtherDataUrls() {
    assertThat(
            compileAndShow(
                "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"x\">",
                HtmlPolicy.Mode.DOCUMENT))
        .contains("data:image/png;base64");
    assertThatThrownBy(
            () ->
                HtmlPolicy.compile(
                    "<a href=\"data:image/png;base64,iVBOR\">x</a>", HtmlPolicy.Mode.DOCUMENT))
        .hasMessageContaining("data: URL");
  }
}
