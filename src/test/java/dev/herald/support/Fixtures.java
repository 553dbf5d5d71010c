package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Small builders for the resources distribution tests need. */
public final class Fixtures {

  private Fixtures() {}

  /** A discount campaign with {@code count} codes ({@code AUTO_UPDATE} grows on demand). */
  public static JsonNode campaign(Api api, String name, String type, int count) {
    Api.Response r =
        api.post(
            "/v1/campaigns",
            Map.of(
                "name", name,
                "campaign_type", "DISCOUNT_COUPONS",
                "type", type,
                "vouchers_count", count,
                "voucher",
                    Map.of(
                        "type", "DISCOUNT_VOUCHER",
                        "discount", Map.of("type", "PERCENT", "percent_off", 10),
                        "code_config", Map.of("length", 8, "prefix", "HRLD-"))));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  /** A webhook receiver's answer to every request: 200, empty. */
  public static mockwebserver3.Dispatcher answeringOk() {
    return new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return new mockwebserver3.MockResponse.Builder().code(200).build();
      }
    };
  }

  public static Map<String, Object> webhook(String url) {
    return new HashMap<>(Map.of("type", "webhook", "url", url, "event_name", "herald.test"));
  }

  /** Creates and sends a distribution; asserts it went live or was scheduled. */
  public static String sendDistribution(Api api, Map<String, Object> body) {
    Api.Response created = api.post("/v1/distributions", body);
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String id = created.json().get("id").asString();
    Api.Response sent = api.post("/v1/distributions/" + id + "/send", null);
    assertThat(sent.status()).as(sent.text()).isEqualTo(200);
    return id;
  }

  public static Map<String, Object> automatic(
      String name,
      Map<String, Object> trigger,
      Map<String, Object> action,
      List<Map<String, Object>> channels) {
    return Map.of("name", name, "trigger", trigger, "action", action, "channels", channels);
  }

  /**
   * A manual distribution's body: its audience (one customer or a segment), action and channels.
   */
  public static Map<String, Object> manual(
      String name,
      Map<String, Object> audience,
      Map<String, Object> action,
      List<Map<String, Object>> channels) {
    return Map.of(
        "name",
        name,
        "trigger",
        Map.of("type", "manual"),
        "audience",
        audience,
        "action",
        action,
        "channels",
        channels);
  }
}
