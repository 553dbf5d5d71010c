package dev.herald.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RuleEvaluatorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z"); // a Wednesday

  private static JsonNode json(String text) {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static RuleResult eval(String rules, RuleContext ctx, Map<String, Set<String>> segments) {
    return new RuleEvaluator(ctx, segments == null ? null : segments::get)
        .evaluate("val_1", json(rules), "fallback message");
  }

  private static RuleContext ctx(String customer, String order) {
    return RuleContext.of(
        customer == null ? null : json(customer),
        order == null ? null : json(order),
        NOW,
        ZoneId.of("UTC"));
  }

  @Test
  void orderAmountConditionsDecideAndReportTheEntrysMessage() {
    String rules =
        "{'1':{'name':'order.amount','conditions':{'$more_than':[5000]},'error':{'message':'spend more'}}}";
    assertThat(eval(rules, ctx(null, "{'amount':6000}"), null).valid()).isTrue();
    RuleResult failed = eval(rules, ctx(null, "{'amount':4000}"), null);
    assertThat(failed.valid()).isFalse();
    assertThat(failed.errorMessage()).isEqualTo("spend more");
    assertThat(failed.key()).isEqualTo("order_rules_violated");
  }

  @Test
  void logicCombinesEntriesWithAndOrNotAndParentheses() {
    String rules =
        "{'logic':'(1 and 2) or not 3',"
            + "'1':{'name':'customer.metadata','property':'tier','conditions':{'$is':['gold']}},"
            + "'2':{'name':'order.total_amount','conditions':{'$more_than_or_equal':[100]}},"
            + "'3':{'name':'order.metadata','property':'channel','conditions':{'$in':['web','app']}}}";
    RuleContext goldBig =
        ctx("{'id':'c','metadata':{'tier':'gold'}}", "{'amount':100,'metadata':{'channel':'web'}}");
    RuleContext silverWeb =
        ctx(
            "{'id':'c','metadata':{'tier':'silver'}}",
            "{'amount':100,'metadata':{'channel':'web'}}");
    RuleContext silverShop =
        ctx(
            "{'id':'c','metadata':{'tier':'silver'}}",
            "{'amount':100,'metadata':{'channel':'shop'}}");
    assertThat(eval(rules, goldBig, null).valid()).isTrue();
    assertThat(eval(rules, silverWeb, null).valid()).isFalse();
    assertThat(eval(rules, silverShop, null).valid()).isTrue();
  }

  @Test
  void missingRuleErrorFallsBackToTheRulesMessageAndCustomerKey() {
    String rules =
        "{'1':{'name':'customer.metadata','property':'vip','conditions':{'$is':[true]}}}";
    RuleResult r = eval(rules, ctx("{'id':'c','metadata':{}}", null), null);
    assertThat(r.valid()).isFalse();
    assertThat(r.errorMessage()).isEqualTo("fallback message");
    assertThat(r.key()).isEqualTo("customer_rules_violated");
  }

  @Test
  void customerSegmentUsesTheSpiAndFailsLoudlyWithoutIt() {
    String rules = "{'1':{'name':'customer.segment','conditions':{'$is':['seg_vip']}}}";
    RuleContext c = ctx("{'id':'cust_1'}", null);
    assertThat(eval(rules, c, Map.of("cust_1", Set.of("seg_vip"))).valid()).isTrue();
    assertThat(eval(rules, c, Map.of("cust_1", Set.of("seg_other"))).valid()).isFalse();
    assertThatThrownBy(() -> eval(rules, c, null))
        .isInstanceOf(RuleEvaluator.SegmentsUnavailable.class);
  }

  @Test
  void itemRulesApplyToEachItem() {
    String order =
        "{'amount':3000,'items':[{'product_id':'prod_a','price':1000,'quantity':1},{'product_id':'prod_b','price':2000,'quantity':1}]}";
    String any =
        "{'1':{'name':'order.items.any','rules':{'1':{'name':'product.id','conditions':{'$is':['prod_b']}}}}}";
    String every =
        "{'1':{'name':'order.items.every','rules':{'1':{'name':'product.price','conditions':{'$more_than':[1500]}}}}}";
    String count = "{'1':{'name':'order.items.count','conditions':{'$more_than_or_equal':[2]}}}";
    String priceAny = "{'1':{'name':'order.items.price_any','conditions':{'$more_than':[1500]}}}";
    String priceEach = "{'1':{'name':'order.items.price_each','conditions':{'$more_than':[1500]}}}";
    assertThat(eval(any, ctx(null, order), null).valid()).isTrue();
    assertThat(eval(every, ctx(null, order), null).valid()).isFalse();
    assertThat(eval(count, ctx(null, order), null).valid()).isTrue();
    assertThat(eval(priceAny, ctx(null, order), null).valid()).isTrue();
    assertThat(eval(priceEach, ctx(null, order), null).valid()).isFalse();
  }

  @Test
  void countersAndCustomEventMetadataAreRead() {
    String limit = "{'1':{'name':'campaign.redemptions.count','conditions':{'$less_than':[3]}}}";
    RuleContext two = ctx(null, null).withCounters(n -> OptionalLong.of(2));
    RuleContext three = ctx(null, null).withCounters(n -> OptionalLong.of(3));
    assertThat(eval(limit, two, null).valid()).isTrue();
    assertThat(eval(limit, three, null).valid()).isFalse();
    String event =
        "{'1':{'name':'custom_event.metadata','property':'plan','conditions':{'$starts_with':['pro']}}}";
    assertThat(
            eval(
                    event,
                    ctx(null, null).withCustomEvent(json("{'metadata':{'plan':'pro-annual'}}")),
                    null)
                .valid())
        .isTrue();
    assertThat(
            eval(
                    event,
                    ctx(null, null).withCustomEvent(json("{'metadata':{'plan':'basic'}}")),
                    null)
                .valid())
        .isFalse();
  }

  @Test
  void dateOperatorsUseTheClockAndZone() {
    String recent =
        "{'1':{'name':'customer.metadata','property':'joined','conditions':{'$less_than_ago':['P7D']}}}";
    assertThat(
            eval(recent, ctx("{'id':'c','metadata':{'joined':'2026-03-01T00:00:00Z'}}", null), null)
                .valid())
        .isTrue();
    assertThat(
            eval(recent, ctx("{'id':'c','metadata':{'joined':'2026-01-01T00:00:00Z'}}", null), null)
                .valid())
        .isFalse();
    String dow = "{'1':{'name':'customer.metadata','property':'at','conditions':{'$dow':[3]}}}";
    assertThat(
            eval(dow, ctx("{'id':'c','metadata':{'at':'2026-03-04T10:00:00Z'}}", null), null)
                .valid())
        .isTrue();
  }

  @Test
  void malformedRulesAreRejectedWhenChecked() {
    assertThatThrownBy(
            () -> RuleEvaluator.check(json("{'logic':'1 and 2','1':{'name':'order.amount'}}")))
        .hasMessageContaining("rule 2");
    assertThatThrownBy(
            () ->
                RuleEvaluator.check(
                    json("{'1':{'name':'order.amount','conditions':{'$bogus':[1]}}}")))
        .hasMessageContaining("$bogus");
    assertThatThrownBy(
            () ->
                RuleEvaluator.check(
                    json("{'1':{'name':'order.metadata','conditions':{'$is':[1]}}}")))
        .hasMessageContaining("property");
  }
}
