package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Hostile customer data never becomes markup or an active link. */
class XssTest {

  private static final String NAME = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

  private static ObjectNode hostile() {
    ObjectNode data = SampleData.forTrigger("customer.order.paid");
    ObjectNode customer = (ObjectNode) data.get("customer");
    customer.put("name", NAME);
    ((ObjectNode) customer.get("metadata")).put("site", "javascript:alert(document.cookie)");
    ((ObjectNode) customer.get("metadata")).put("tier", "\" onmouseover=\"alert(1)");
    ((ObjectNode) data.get("voucher")).put("code", "<b>CODE</b>&\"'");
    return data;
  }

  @Test
  void customerFieldsAreEscapedEverywhereInAnEmail() {
    String template =
        """
        {"subject":"Hi {{customer.name}}","preheader":"{{customer.name}}","blocks":[
          {"type":"text","html":"<p title=\\"{{customer.metadata.tier}}\\">Hello {{customer.name}}</p><a href=\\"{{customer.metadata.site}}\\">site</a>"},
          {"type":"code","show":"text"},
          {"type":"image","src":"https://cdn.example/x.png","alt":"{{customer.name}}","link":"{{customer.metadata.site}}"},
          {"type":"button","label":"{{customer.name}}","href":"https://shop.example/?n={{customer.name}}"}
        ],"footer":{"text":"For {{customer.name}}"}}
        """;
    RenderedEmail email =
        Fixtures.email(template, "customer.order.paid", Fixtures.input(hostile()));
    String html = email.html();
    assertThat(html)
        .doesNotContain("<script>")
        .doesNotContain("<img src=x")
        .doesNotContain("\" onmouseover=\"");
    assertThat(html).doesNotContain("javascript:");
    assertThat(html)
        .contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    assertThat(html).contains("&lt;b&gt;CODE&lt;/b&gt;&amp;&quot;&#39;");
    assertThat(html).contains("title=\"&quot; onmouseover=&quot;alert(1)\"");
    assertThat(html).contains("href=\"#\"");
    assertThat(html).contains("?n=%3Cscript%3Ealert%28%27x%27%29");
    assertThat(email.subject()).isEqualTo("Hi " + NAME);
    assertThat(email.text()).contains("Hello " + NAME);
  }

  @Test
  void aSubjectNeverBreaksIntoANewHeaderLine() {
    ObjectNode data = hostile();
    ((ObjectNode) data.get("customer")).put("name", "Eve\r\nBcc: victim@example.com");
    RenderedEmail email =
        Fixtures.email(
            "{\"subject\":\"Hi {{customer.name}}\",\"text\":\"x\"}", null, Fixtures.input(data));
    assertThat(email.subject()).isEqualTo("Hi Eve  Bcc: victim@example.com");
  }

  @Test
  void customHtmlValuesAreEscapedToo() {
    RenderedEmail email =
        Fixtures.email(
            "{\"subject\":\"x\",\"html\":\"<html><body><p>{{customer.name}}</p><a href=\\\"{{customer.metadata.site}}\\\">x</a></body></html>\"}",
            null,
            Fixtures.input(hostile()));
    assertThat(email.html()).doesNotContain("<script>").doesNotContain("javascript:");
    assertThat(email.html()).contains("&lt;script&gt;").contains("href=\"#\"");
  }
}
