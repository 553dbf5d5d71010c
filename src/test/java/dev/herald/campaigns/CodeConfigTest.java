package dev.herald.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeConfigTest {

  private static CodeConfig config(String json) {
    return CodeConfig.from(
        Body.of(dev.herald.shared.json.Json.parse(json.replace('\'', '"')), "x"));
  }

  @Test
  void patternReplacesHashesAndKeepsPrefixAndPostfix() {
    CodeConfig c = config("{'pattern':'AB-####','charset':'XYZ','prefix':'P','suffix':'S'}");
    String code = c.generate(new Random(1));
    assertThat(code).matches("PAB-[XYZ]{4}S");
    assertThat(c.capacity()).isEqualTo(BigInteger.valueOf(81));
  }

  @Test
  void lengthAndDefaultCharset() {
    assertThat(config("{'length':12}").generate(new Random(2))).matches("[0-9a-zA-Z]{12}");
  }

  @Test
  void rejectsUnusableConfigsWithInvalidCodeConfig() {
    for (String bad :
        new String[] {"{'length':0}", "{'charset':''}", "{'pattern':'ABC'}", "{'charset':'AAB'}"}) {
      assertThatThrownBy(() -> config(bad))
          .isInstanceOf(ApiException.class)
          .extracting(e -> ((ApiException) e).key())
          .isEqualTo("invalid_code_config");
    }
    assertThat(Json.object()).isNotNull();
  }

  @Test
  void discountsNeverExceedWhatIsLeftAndRespectLimits() {
    var amount = Json.parse("{\"type\":\"AMOUNT\",\"amount_off\":1500}");
    var percent = Json.parse("{\"type\":\"PERCENT\",\"percent_off\":15,\"amount_limit\":500}");
    var fixed = Json.parse("{\"type\":\"FIXED\",\"fixed_amount\":7000}");
    assertThat(Discounts.amount(amount, 1000, null)).isEqualTo(1000);
    assertThat(Discounts.amount(amount, 5000, null)).isEqualTo(1500);
    assertThat(Discounts.amount(percent, 2000, null)).isEqualTo(300);
    assertThat(Discounts.amount(percent, 10000, null)).isEqualTo(500);
    assertThat(Discounts.amount(fixed, 10000, null)).isEqualTo(3000);
    var unit = Json.parse("{\"type\":\"UNIT\",\"unit_off\":1,\"unit_type\":\"prod_a\"}");
    var items = Json.parse("[{\"product_id\":\"prod_a\",\"price\":800,\"quantity\":2}]");
    assertThat(Discounts.amount(unit, 1600, items)).isEqualTo(800);
  }
}
