package dev.herald.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.Fixtures;
import dev.herald.support.HeraldTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Six recipients of one webhook distribution: {@code r1} recovers after a 503, {@code r2} is
 * refused for good (400), the rest are delivered at once. Their audience, the distribution's
 * delivery activity and each customer's activity feed.
 */
class AudienceAndDeliveryActivityTest extends HeraldTest {

  @StartStop final MockWebServer receiver = new MockWebServer();
  @Autowired JdbcClient jdbc;
  private Api api;
  private String distribution;
  private final Map<String, String> ids = new ConcurrentHashMap<>();

  @BeforeEach
  void sendToSix() {
    api = newProject();
    String project = api.get("/v1/projects/current").json().get("id").asString();
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            JsonNode envelope = Api.parse(request.getBody().utf8());
            String source = envelope.at("/data/customer/source_id").asString("");
            if (!envelope.path("project_id").asString("").equals(project)) {
              // another test's retry to a reused port
              return new MockResponse.Builder().code(200).build();
            }
            if (source.equals("r2")) {
              return new MockResponse.Builder().code(400).body("no such user").build();
            }
            if (source.equals("r1") && failedOnce.add(source)) {
              return new MockResponse.Builder().code(503).build();
            }
            return new MockResponse.Builder().code(200).build();
          }
        });
    List<String> customers = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      String id =
          api.post("/v1/customers", Map.of("source_id", "r" + i, "name", "R " + i))
              .json()
              .get("id")
              .asString();
      ids.put("r" + i, id);
      customers.add(id);
    }
    String segment =
        api.post("/v1/segments", Map.of("name", "Six", "type", "static", "customers", customers))
            .json()
            .get("id")
            .asString();
    distribution =
        Fixtures.sendDistribution(
            api,
            Map.of(
                "name", "Six",
                "trigger", Map.of("type", "manual"),
                "audience", Map.of("segment_id", segment),
                "action",
                    Map.of(
                        "type",
                        "publish_code",
                        "campaign_id",
                        Fixtures.campaign(api, "six-codes", "AUTO_UPDATE", 1).get("id").asString()),
                "channels", List.of(Fixtures.webhook(receiver.url("/h").toString()))));
    clock.advance(Duration.ofMinutes(11));
    // every first attempt on record before time moves on: a jump past the lease of a message still
    // being sent would send it again (at least once), and the counts below would see it twice
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> statusOf("r1").equals("RETRY_SCHEDULED") && settled() == 5);
    clock.advance(Duration.ofMinutes(5));
    await().atMost(Duration.ofSeconds(30)).until(() -> settled() == 6);
  }

  /** The distribution's messages delivered or failed for good. */
  private int settled() {
    return jdbc.sql(
            "select count(*) from message where owner_id = :id"
                + " and status in ('DELIVERED', 'FAILED')")
        .param("id", distribution)
        .query(Integer.class)
        .single();
  }

  private String statusOf(String source) {
    return jdbc.sql("select status from message where owner_id = :d and customer_id = :c")
        .param("d", distribution)
        .param("c", ids.get(source))
        .query(String.class)
        .optional()
        .orElse("");
  }

  private JsonNode audience(String query) {
    Api.Response r = api.get("/v1/distributions/" + distribution + "/audience?" + query);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  @Test
  void theAudienceListsEachRecipientWithItsChannelStatusPagedAndFiltered() {
    JsonNode first = audience("limit=4");
    assertThat(first.get("data_ref").asString()).isEqualTo("recipients");
    assertThat(first.get("recipients").size()).isEqualTo(4);
    assertThat(first.get("has_more").asBoolean()).isTrue();
    JsonNode rest =
        audience("limit=4&starting_after=" + first.get("more_starting_after").asString());
    assertThat(rest.get("recipients").size()).isEqualTo(2);
    assertThat(rest.get("has_more").asBoolean()).isFalse();
    List<String> all = new ArrayList<>();
    first.get("recipients").forEach(r -> all.add(r.get("customer_id").asString()));
    rest.get("recipients").forEach(r -> all.add(r.get("customer_id").asString()));
    assertThat(all).containsExactlyInAnyOrderElementsOf(ids.values());

    JsonNode failed = audience("status=FAILED");
    assertThat(failed.get("recipients").size()).isEqualTo(1);
    JsonNode r2 = failed.get("recipients").get(0);
    assertThat(r2.get("customer_id").asString()).isEqualTo(ids.get("r2"));
    assertThat(r2.at("/customer/source_id").asString()).isEqualTo("r2");
    assertThat(r2.at("/channels/0/type").asString()).isEqualTo("webhook");
    assertThat(r2.at("/channels/0/status").asString()).isEqualTo("FAILED");
    assertThat(r2.at("/channels/0/reason").asString()).isEqualTo("rejected_by_receiver");

    JsonNode r1 = audience("customer_id=" + ids.get("r1")).get("recipients");
    assertThat(r1.size()).isEqualTo(1);
    assertThat(r1.at("/0/channels/0/status").asString()).isEqualTo("DELIVERED");
    assertThat(r1.at("/0/channels/0/recovered").asBoolean()).isTrue();
    assertThat(r1.at("/0/channels/0/attempts").asInt()).isEqualTo(2);

    assertThat(audience("channel=webhook&status=DELIVERED").get("recipients").size()).isEqualTo(5);
    assertThat(audience("channel=email").get("recipients").size()).isZero();

    assertThat(api.get("/v1/distributions/" + distribution + "/audience?status=LOST").status())
        .isEqualTo(400);
    assertThat(api.get("/v1/distributions/" + distribution + "/audience?channel=fax").status())
        .isEqualTo(400);
    assertThat(api.get("/v1/distributions/" + distribution + "/audience?limit=0").status())
        .isEqualTo(400);
    assertThat(api.get("/v1/distributions/dist_nope/audience").status()).isEqualTo(404);
    assertThat(newProject().get("/v1/distributions/" + distribution + "/audience").status())
        .as("another project's distribution")
        .isEqualTo(404);
  }

  private JsonNode activity(String query) {
    Api.Response r = api.get("/v1/distributions/" + distribution + "/activity?" + query);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("data");
  }

  @Test
  void deliveriesShowInTheDistributionsActivityAndEachCustomersFeed() {
    assertThat(activity("type=customer.webhook.sent&limit=100").size()).isEqualTo(4);
    JsonNode failures = activity("type=customer.webhook.failed");
    assertThat(failures.size()).as("r1's first attempt and r2's refusal").isEqualTo(2);
    JsonNode recovered = activity("type=customer.webhook.recovered");
    assertThat(recovered.size()).isEqualTo(1);
    JsonNode r1 = recovered.get(0);
    assertThat(r1.get("customer_id").asString()).isEqualTo(ids.get("r1"));
    assertThat(r1.get("distribution_id").asString()).isEqualTo(distribution);
    assertThat(r1.at("/data/customer/source_id").asString()).isEqualTo("r1");
    assertThat(r1.at("/data/distribution/id").asString()).isEqualTo(distribution);
    assertThat(r1.at("/data/sent_at").asString()).isNotBlank();
    assertThat(activity("channel=webhook&limit=100").size()).isEqualTo(7);
    assertThat(activity("channel=email").size()).isZero();
    assertThat(activity("type=customer.publication.succeeded&limit=100").size())
        .as("the manual send's publications are the distribution's activity")
        .isEqualTo(6);
    assertThat(activity("channel=webhook&customer_id=" + ids.get("r2")).size()).isEqualTo(1);

    JsonNode feed = api.get("/v1/customers/" + ids.get("r2") + "/activity").json().get("data");
    JsonNode failure = null;
    for (JsonNode item : feed) {
      if (item.get("type").asString().equals("customer.webhook.failed")) {
        failure = item;
      }
    }
    assertThat(failure).as("r2's feed: %s", feed).isNotNull();
    assertThat(failure.at("/data/distribution/id").asString()).isEqualTo(distribution);
    assertThat(failure.at("/data/failed_at").asString()).isNotBlank();
    assertThat(failure.at("/data/will_retry").asBoolean()).isFalse();
    JsonNode r1Feed = api.get("/v1/customers/r1/activity?type=customer.webhook.failed").json();
    assertThat(r1Feed.get("data").size()).isEqualTo(1);
    assertThat(r1Feed.at("/data/0/data/will_retry").asBoolean()).isTrue();
  }

  @Test
  void badAnalyticsRangesAreRejectedAndChangeNothing() {
    String base = "/v1/distributions/" + distribution + "/analytics";
    assertThat(api.get(base + "?granularity=week").status()).isEqualTo(400);
    assertThat(api.get(base + "?start_date=2026-13-01").status()).isEqualTo(400);
    assertThat(
            api.get(base + "?start_date=2026-05-02&end_date=2026-05-01")
                .json()
                .get("key")
                .asString())
        .isEqualTo("invalid_query_params");
    assertThat(api.get(base + "?granularity=hour&start_date=2020-01-01").status())
        .as("too many hourly buckets")
        .isEqualTo(400);
    assertThat(api.get("/v1/distributions/dist_nope/analytics").status()).isEqualTo(404);
    assertThat(newProject().get(base).status()).as("another project's distribution").isEqualTo(404);
    JsonNode ok = api.get(base).json();
    assertThat(ok.at("/totals/delivered").asLong()).isEqualTo(5);
    assertThat(ok.at("/totals/recovered").asLong()).isEqualTo(1);
    assertThat(ok.at("/totals/failed").asLong()).isEqualTo(1);
    assertThat(ok.at("/totals/sent").asLong()).isEqualTo(6);
    assertThat(ok.get("granularity").asString()).isEqualTo("day");
  }
}
