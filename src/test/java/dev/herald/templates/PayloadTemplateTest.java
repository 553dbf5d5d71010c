package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.shared.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PayloadTemplateTest {

  private static final JsonNode DATA =
      Json.parse(
          "{\"customer\":{\"name\":\"Zoë \\\"Z\\\"\",\"metadata\":{\"vip\":true}},"
              + "\"order\":{\"id\":\"ord_1\",\"total_amount\":12300},\"items\":[{\"sku\":\"a\"}]}");

  @Test
  void designerTextKeepsUnquotedValuesTypedAndEscapesQuotedOnes() {
    JsonNode out =
        PayloadTemplate.render(
            Json.parse(
                "\"{\\\"order\\\":{\\\"orderId\\\":\\\"{{order.id}}\\\",\\\"total\\\":{{order.total_amount}},"
                    + "\\\"vip\\\":{{customer.metadata.vip}},\\\"msg\\\":\\\"Thanks, {{customer.name}}!\\\","
                    + "\\\"customer\\\":{{customer}},\\\"none\\\":{{order.missing}}}}\""),
            DATA);

    assertThat(out.at("/order/orderId").asString()).isEqualTo("ord_1");
    assertThat(out.at("/order/total").isIntegralNumber()).isTrue();
    assertThat(out.at("/order/total").asLong()).isEqualTo(12300);
    assertThat(out.at("/order/vip").isBoolean()).isTrue();
    assertThat(out.at("/order/msg").asString()).isEqualTo("Thanks, Zoë \"Z\"!");
    assertThat(out.at("/order/customer/name").asString()).isEqualTo("Zoë \"Z\"");
    assertThat(out.at("/order/none").isNull()).isTrue();
  }

  @Test
  void jsonDesignsRenderStringsAndKeepOtherValues() {
    JsonNode out =
        PayloadTemplate.render(
            Json.parse(
                "{\"total\":\"{{order.total_amount}}\",\"fixed\":5,\"list\":[\"{{items.0.sku}}\"]}"),
            DATA);

    assertThat(out.toString()).isEqualTo("{\"total\":\"12300\",\"fixed\":5,\"list\":[\"a\"]}");
  }

  @Test
  void listsTheVariablesADesignUses() {
    assertThat(
            PayloadTemplate.variables(
                Json.parse("{\"a\":\"{{customer.name}} {{ order.id }}\",\"b\":[\"{{x}}\"]}")))
        .containsExactly("customer.name", "order.id", "x");
  }

  @Test
  void rejectsPlaceholdersThatAreNotPathsAndTextThatIsNotJson() {
    Templates templates = TestTemplates.create();
    assertThatThrownBy(() -> templates.validatePayload(Json.parse("{\"a\":\"{{not a path}}\"}")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("not a path");
    assertThatThrownBy(() -> templates.validatePayload(Json.parse("\"{\\\"a\\\": {{x}}\"")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("valid JSON");
    assertThatThrownBy(() -> templates.validatePayload(Json.parse("7")))
        .isInstanceOf(TemplateException.class);
  }
}
