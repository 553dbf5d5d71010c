package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.shared.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VariableCatalogTest {

  static Stream<String> triggers() {
    return VariableCatalog.triggers().stream();
  }

  /** A concrete path for a catalog entry (wildcards take a key the sample data has). */
  private static String concrete(Variable v) {
    if (!v.wildcard()) {
      return v.path();
    }
    return switch (v.path()) {
      case "customer.metadata.*" -> "customer.metadata.tier";
      case "voucher.metadata.*" -> "voucher.metadata.source";
      case "voucher.discount.*" -> "voucher.discount.type";
      case "order.metadata.*" -> "order.metadata.channel";
      case "event.metadata.*" -> "event.metadata.plan";
      default -> throw new AssertionError("no sample key for " + v.path());
    };
  }

  @ParameterizedTest
  @MethodSource("triggers")
  void everyVariableRendersInEveryTriggerThatOffersIt(String trigger) {
    RenderInput input = Fixtures.input(trigger);
    List<String> empty = new ArrayList<>();
    for (Variable v : VariableCatalog.variables(trigger)) {
      String path = concrete(v);
      String rendered;
      if (v.kind().equals("html") || v.kind().equals("image")) {
        String template =
            "{\"subject\":\"x\",\"html\":\"<html><body><div>{{"
                + path
                + "}}</div></body></html>\"}";
        rendered = Fixtures.email(template, trigger, input).html();
        rendered = rendered.substring(rendered.indexOf("<div>") + 5, rendered.indexOf("</div>"));
      } else {
        rendered = Fixtures.sms("{\"text\":\"[{{" + path + "}}]\"}", trigger, input).text();
        rendered = rendered.substring(1, rendered.length() - 1);
      }
      if (rendered.isBlank()) {
        empty.add(path);
      }
    }
    assertThat(empty).as("variables of %s that render empty", trigger).isEmpty();
  }

  @Test
  void anUnknownVariableIsRejectedNamingIt() {
    assertThatThrownBy(
            () ->
                EmailTemplateParser.parse(
                    Fixtures.body("{\"subject\":\"Hi {{customer.nmae}}\",\"text\":\"x\"}"),
                    "customer.order.paid",
                    true))
        .isInstanceOf(ApiException.class)
        .satisfies(
            e ->
                assertThat(((ApiException) e).details())
                    .isEqualTo(
                        "subject uses unknown variable {{customer.nmae}}; see GET /v1/templates/variables?trigger_type=customer.order.paid"));
  }

  @Test
  void aVariableOfAnotherTriggerIsRejectedSayingSo() {
    assertThatThrownBy(
            () ->
                SmsTemplate.parse(
                    Fixtures.body("{\"text\":\"Order {{order.id}}\"}"),
                    "customer.segment.entered",
                    true,
                    true))
        .isInstanceOf(ApiException.class)
        .satisfies(
            e ->
                assertThat(((ApiException) e).details())
                    .contains("{{order.id}}")
                    .contains("not available for trigger customer.segment.entered"));
  }

  @Test
  void metadataKeysAreOpenButTheirParentMustExist() {
    VariableCatalog.check(
        "customer.order.paid", java.util.Set.of("customer.metadata.any_key", "order.metadata.x"));
    assertThatThrownBy(
            () ->
                VariableCatalog.check("customer.order.paid", java.util.Set.of("customer.metadata")))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void webhookDesignsMayUseAnyPathUnderTheTriggersDataKeys() {
    VariableCatalog.checkRoots(
        "customer.order.paid", java.util.Set.of("order.items.0.sku", "customer.name"));
    assertThatThrownBy(
            () ->
                VariableCatalog.checkRoots(
                    "customer.segment.entered", java.util.Set.of("order.id")))
        .hasMessageContaining("{{order.id}}");
  }
}
