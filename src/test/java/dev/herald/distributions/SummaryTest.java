package dev.herald.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SummaryTest extends HeraldTest {

  @Test
  void aDraftSaysWhatIsMissingWithoutSendingAnything() {
    Api api = newProject();
    String id = api.post("/v1/distributions", Map.of("name", "Half")).json().get("id").asString();

    JsonNode summary = api.get("/v1/distributions/" + id + "/summary").json();

    assertThat(summary.get("object").asString()).isEqualTo("distribution_summary");
    assertThat(summary.get("ready").asBoolean()).isFalse();
    assertThat(summary.get("problems").get(0).asString()).contains("trigger.type");
    assertThat(summary.get("description").get(0).asString()).contains("No trigger");
  }

  @Test
  void aManualSendToAnUnsubscribedCustomerShowsTheSkipAndTheCodesAgainstThePool() {
    Api api = newProject();
    api.post("/v1/customers", Map.of("source_id", "quiet", "email", "q@example.com"));
    api.put("/v1/customers/quiet/consents", Map.of("unsubscribed", true));
    String campaign = Fixtures.campaign(api, "empty-pool", "STATIC", 0).get("id").asString();
    String id =
        api.post(
                "/v1/distributions",
                Map.of(
                    "name", "To quiet",
                    "trigger", Map.of("type", "manual"),
                    "audience", Map.of("customer", "quiet"),
                    "action", Map.of("type", "publish_code", "campaign_id", campaign),
                    "channels", List.of(Fixtures.webhook("https://example.com/h"))))
            .json()
            .get("id")
            .asString();

    JsonNode summary = api.get("/v1/distributions/" + id + "/summary").json();

    assertThat(summary.get("ready").asBoolean()).as(summary.toString()).isTrue();
    JsonNode dry = summary.get("dry_run");
    assertThat(dry.get("recipients").asInt()).isEqualTo(1);
    assertThat(dry.get("messages").asInt()).isEqualTo(1);
    assertThat(dry.at("/skipped/unsubscribed").asInt()).isEqualTo(1);
    assertThat(dry.get("codes_needed").asInt()).isEqualTo(1);
    assertThat(dry.get("codes_available").asInt()).isZero();
    assertThat(dry.get("codes_short").asInt()).isEqualTo(1);
    assertThat(summary.get("description").toString()).contains("Send once to customer quiet");
    assertThat(api.get("/v1/distributions/" + id).json().get("status").asString())
        .isEqualTo("DRAFT");
  }
}
