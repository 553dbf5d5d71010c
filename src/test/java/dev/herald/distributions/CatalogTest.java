package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.HeraldTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CatalogTest extends HeraldTest {

  private JsonNode trigger(JsonNode catalog, String type) {
    for (JsonNode t : catalog.get("triggers")) {
      if (t.get("type").asString().equals(type)) {
        return t;
      }
    }
    throw new AssertionError("no trigger " + type);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asString()));
    return out;
  }

  @Test
  void servesEveryTriggerOfTheArchitectureWithItsCategory() {
    JsonNode catalog = newProject().get("/v1/distributions/catalog").json();

    assertThat(texts(catalog.get("triggers"), "type"))
        .containsExactlyInAnyOrder(
            "manual",
            "customer.custom_event",
            "customer.order.created",
            "customer.order.updated",
            "customer.order.paid",
            "customer.order.canceled",
            "customer.segment.entered",
            "customer.segment.left",
            "customer.publication.succeeded",
            "customer.voucher.gift.balance_added",
            "customer.voucher.loyalty_card.points_added",
            "customer.voucher.loyalty_card.points_expired",
            "customer.redemption.succeeded",
            "customer.redemption.rollback.succeeded",
            "customer.loyalty.tier.joined",
            "customer.loyalty.tier.left",
            "customer.loyalty.tier.upgraded",
            "customer.loyalty.tier.downgraded",
            "customer.loyalty.tier.prolonged",
            "customer.rewarded.loyalty_points",
            "customer.rewarded",
            "customer.referred");
    assertThat(catalog.findValuesAsString("category"))
        .contains(
            "Manual message",
            "Custom event",
            "Cart",
            "Segment",
            "Publishing codes",
            "Voucher",
            "Loyalty tier",
            "Customer rewards",
            "Referral");
    assertThat(texts(catalog.get("channels"), "type"))
        .containsExactly("email", "sms", "webhook", "mailchimp", "braze");
  }

  @Test
  void actionsAndChannelsFollowTheReferenceMatrix() {
    JsonNode catalog = newProject().get("/v1/distributions/catalog").json();

    JsonNode segment = trigger(catalog, "customer.segment.entered");
    assertThat(texts(segment.at("/scope/required"), "field")).containsExactly("segment_id");
    assertThat(texts(segment.at("/scope/optional"), "field"))
        .contains("include_existing_members", "validation_rule_id");
    assertThat(texts(segment.get("actions"), "type"))
        .containsExactly("publish_code", "notify_promotion", "plain_message");

    JsonNode manual = trigger(catalog, "manual");
    JsonNode plain = manual.get("actions").get(2);
    assertThat(plain.get("type").asString()).isEqualTo("plain_message");
    assertThat(plain.get("channels").toString()).doesNotContain("webhook");

    assertThat(segment.get("variables").findValuesAsString("path"))
        .contains("customer.name", "segment.name");
    assertThat(trigger(catalog, "customer.order.paid").get("variables").findValuesAsString("path"))
        .contains("order.amount");

    JsonNode redeemed = trigger(catalog, "customer.redemption.succeeded");
    assertThat(texts(redeemed.get("actions"), "type")).containsExactly("plain_message");

    JsonNode publishCode = trigger(catalog, "customer.order.paid").get("actions").get(0);
    assertThat(publishCode.get("channels").toString()).contains("mailchimp", "braze");
    JsonNode plainOnOrder = trigger(catalog, "customer.order.paid").get("actions").get(2);
    assertThat(plainOnOrder.get("channels").toString()).doesNotContain("mailchimp", "braze");
  }

  @Test
  void validationReadsTheSameTable() {
    var api = newProject();
    String id =
        api.post(
                "/v1/distributions",
                java.util.Map.of(
                    "name", "Webhook plain on a manual send",
                    "trigger", java.util.Map.of("type", "manual"),
                    "audience", java.util.Map.of("customer", "someone"),
                    "action", java.util.Map.of("type", "plain_message"),
                    "channels",
                        List.of(
                            java.util.Map.of(
                                "type",
                                "webhook",
                                "url",
                                "https://example.com",
                                "event_name",
                                "e"))))
            .json()
            .get("id")
            .asString();

    var r = api.post("/v1/distributions/" + id + "/send", null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("details").asString()).contains("channel webhook is not available");
  }
}
