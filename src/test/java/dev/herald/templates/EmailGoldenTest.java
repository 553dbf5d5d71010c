package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.shared.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each block kind and each channel rendered against the sample snapshot, compared to golden files.
 */
class EmailGoldenTest {

  private static final String TRIGGER = "customer.order.paid";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      value = {
        "text=>{\"type\":\"text\",\"html\":\"<p>Hi <b>{{customer.name}}</b>, thanks for order <a href=\\\"https://acme.example/o/{{order.id}}\\\">{{order.source_id}}</a> of {{order.amount | money}}.</p>\",\"align\":\"left\"}",
        "code-text=>{\"type\":\"code\",\"show\":\"text\",\"label\":\"Your code\"}",
        "code-qr=>{\"type\":\"code\",\"show\":\"qr\"}",
        "code-barcode=>{\"type\":\"code\",\"show\":\"barcode\",\"align\":\"left\"}",
        "image=>{\"type\":\"image\",\"src\":\"https://acme.example/banner.gif\",\"alt\":\"Summer <sale>\",\"width\":400,\"link\":\"https://acme.example/sale?c={{voucher.code}}\",\"align\":\"center\"}",
        "button=>{\"type\":\"button\",\"label\":\"Shop now\",\"href\":\"{{customer.assets.cockpit_url}}\",\"color\":\"#1A73E8\",\"text_color\":\"#ffffff\",\"size\":\"large\",\"radius\":8,\"align\":\"center\"}",
        "divider=>{\"type\":\"divider\",\"width\":80,\"color\":\"#dddddd\",\"thickness\":2}",
        "social=>{\"type\":\"social\",\"links\":{\"linkedin\":\"https://linkedin.com/company/acme\",\"facebook\":\"https://facebook.com/acme\",\"instagram\":\"https://instagram.com/acme\",\"x\":\"https://x.com/acme\",\"youtube\":\"https://youtube.com/@acme\"}}",
        "spacer=>{\"type\":\"spacer\",\"height\":32}"
      })
  void eachBlockKindRendersAsItsGoldenFile(String kind, String block) {
    String template =
        "{\"subject\":\"Thanks {{customer.name}}\",\"preheader\":\"Your {{voucher.value}} code inside\","
            + "\"blocks\":["
            + block
            + "]}";
    RenderedEmail email = Fixtures.email(template, TRIGGER, Fixtures.input(TRIGGER));
    Golden.check("block-" + kind + ".html", email.html());
    Golden.check("block-" + kind + ".txt", email.text());
  }

  @Test
  void aStyledBlockEmailWithLogoAndFooter() {
    String template =
        """
        {"subject":"Your {{voucher.value}} code, {{customer.name}}","preheader":"Valid until {{voucher.expiration_date | date}}",
         "blocks":[
          {"type":"text","html":"<h1>Hello {{customer.name | default: \\"friend\\"}}</h1><p>Here is your code for <i>{{campaign.name}}</i>.</p>"},
          {"type":"code","show":"qr","label":"Scan at the till"},
          {"type":"button","label":"Open my wallet","href":"{{customer.assets.cockpit_url}}"}
         ],
         "style":{"background":"#eeeeee","content_background":"#fffdf8","content_width":640,"border":"1px solid #dddddd",
                  "logo_url":"https://acme.example/logo.png","align":"center","font_family":"georgia","text_color":"#333333"},
         "footer":{"text":"Questions? Reply to this email.\\nWe read everything.","color":"#777777"}}
        """;
    RenderedEmail email = Fixtures.email(template, TRIGGER, Fixtures.input(TRIGGER));
    assertThat(email.subject()).isEqualTo("Your 10% code, Alice Example");
    assertThat(email.preheader()).isEqualTo("Valid until 2026-12-31");
    Golden.check("email-styled.html", email.html());
    Golden.check("email-styled.txt", email.text());
  }

  @Test
  void aSimpleTextEmail() {
    String template =
        "{\"subject\":\"Hi\",\"format\":\"simple\",\"text\":\"Hi {{customer.name}},\\n\\nyour code is {{voucher.code}} <b>not bold</b>.\\nSee you!\"}";
    RenderedEmail email = Fixtures.email(template, TRIGGER, Fixtures.input(TRIGGER));
    Golden.check("email-simple.html", email.html());
    Golden.check("email-simple.txt", email.text());
  }

  @Test
  void aCustomHtmlEmailGetsTheBrandFooterBeforeItsBodyEnds() {
    String template =
        """
        {"subject":"Custom","html":"<!DOCTYPE html><html><head><style>p{color:#123456}</style></head><body><table><tr><td><p title=\\"For {{customer.name}}\\">Hello {{customer.name}}</p>{{qr_code}}<a href=\\"{{customer.assets.cockpit_url}}\\">Wallet</a></td></tr></table></body></html>"}
        """;
    RenderedEmail email = Fixtures.email(template, TRIGGER, Fixtures.input(TRIGGER));
    assertThat(email.html()).contains("Unsubscribe").contains("1 Main Street");
    assertThat(email.html().indexOf("herald-footer")).isLessThan(email.html().indexOf("</body>"));
    Golden.check("email-custom.html", email.html());
    Golden.check("email-custom.txt", email.text());
  }

  @Test
  void anInlineQrCodeIsAMimePartReferencedByCid() {
    String template =
        "{\"subject\":\"QR\",\"blocks\":[{\"type\":\"code\",\"show\":\"qr\"}],\"style\":{\"code_images\":\"inline\"}}";
    RenderedEmail email = Fixtures.email(template, TRIGGER, Fixtures.input(TRIGGER));
    assertThat(email.images()).hasSize(1);
    assertThat(email.images().get(0).contentType()).isEqualTo("image/png");
    assertThat(email.html()).contains("src=\"cid:" + email.images().get(0).contentId() + "\"");
    assertThat(CodeImagesTest.decode(email.images().get(0).bytes())).isEqualTo("SUMMER-7Q2X");
  }

  @Test
  void anSmsRendersAsItsGoldenFile() {
    RenderedSms sms =
        Fixtures.sms(
            "{\"text\":\"Hi {{customer.name}}! Code {{voucher.code}} gives {{voucher.value}} until {{voucher.expiration_date | date}}. QR: {{qr_code}}\"}",
            TRIGGER,
            Fixtures.input(TRIGGER));
    Golden.check(
        "sms.txt",
        sms.text() + "\n" + sms.encoding() + " " + sms.segments() + " " + sms.length() + "\n");
  }

  @Test
  void aWebhookPayloadRendersAsItsGoldenFile() {
    ObjectNode data = SampleData.forTrigger(TRIGGER);
    String design =
        "{\"order\":{\"orderId\":\"{{order.id}}\",\"total\":{{order.total_amount}},\"who\":\"Hi {{customer.name}}\",\"vip\":{{customer.metadata.tier}},\"none\":{{order.nothing}}}}";
    String rendered =
        Json.write(PayloadTemplate.render(Json.object().put("d", design).get("d"), data));
    Golden.check("webhook.json", rendered + "\n");
  }
}
