package dev.herald.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class PublicationsTest extends PromoTestSupport {

  @Autowired Publications publications;
  @Autowired TransactionTemplate tx;

  private static Map<String, Object> publishBody(String campaign, String customer) {
    return Map.of("campaign", Map.of("name", campaign), "customer", Map.of("source_id", customer));
  }

  @Test
  void hundredParallelPublicationsGetHundredDistinctCodesAndTheNextGetsNone() throws Exception {
    Api api = newProject();
    discountCampaign(api, "pool", "STATIC", 100, null);
    List<Api.Response> results =
        parallel(100, i -> api.post("/v1/publications", publishBody("pool", "c-" + i)));
    Set<String> codes = new HashSet<>();
    for (Api.Response r : results) {
      codes.add(ok(r).path("voucher").path("code").asString());
    }
    assertThat(codes).hasSize(100);
    error(
        api.post("/v1/publications", publishBody("pool", "c-101")),
        400,
        "no_voucher_suitable_for_publication");
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(100);
    assertThat(events(api).count("voucher.published")).isEqualTo(100);
    long distinctHolders =
        jdbc.sql("select count(distinct holder_id) from voucher where project_id = :p")
            .param("p", projectOf(api).value())
            .query(Long.class)
            .single();
    assertThat(distinctHolders).isEqualTo(100);
  }

  @Test
  void autoUpdateCampaignMakesANewCodeWhenThePoolIsEmpty() {
    Api api = newProject();
    discountCampaign(api, "growing", "AUTO_UPDATE", 1, null);
    String first =
        ok(api.post("/v1/publications", publishBody("growing", "a")))
            .path("voucher")
            .path("code")
            .asString();
    String second =
        ok(api.post("/v1/publications", publishBody("growing", "b")))
            .path("voucher")
            .path("code")
            .asString();
    assertThat(second).isNotEqualTo(first).hasSize(10);
    assertThat(ok(api.get("/v1/campaigns/growing")).path("vouchers_count").asInt()).isEqualTo(2);
  }

  @Test
  void twentyParallelJoinOncePublicationsForOneCustomerGiveOneCode() throws Exception {
    Api api = newProject();
    discountCampaign(api, "once", "STATIC", 30, null);
    List<Api.Response> results =
        parallel(20, i -> api.post("/v1/publications?join_once=true", publishBody("once", "solo")));
    Set<String> codes = new HashSet<>();
    results.forEach(r -> codes.add(ok(r).path("voucher").path("code").asString()));
    assertThat(codes).hasSize(1);
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(1);
    JsonNode list = ok(api.get("/v1/publications?campaign=once"));
    assertThat(list.path("total").asInt()).isEqualTo(1);
  }

  @Test
  void sourceIdMakesARetriedPublicationReturnTheSameResult() {
    Api api = newProject();
    discountCampaign(api, "retry", "STATIC", 5, null);
    Map<String, Object> body =
        Map.of(
            "campaign",
            Map.of("name", "retry"),
            "customer",
            Map.of("source_id", "r"),
            "source_id",
            "order-1",
            "metadata",
            Map.of("k", "v"));
    JsonNode first = ok(api.post("/v1/publications", body));
    JsonNode again = ok(api.post("/v1/publications", body));
    assertThat(again.path("id").asString()).isEqualTo(first.path("id").asString());
    assertThat(again.path("voucher").path("code").asString())
        .isEqualTo(first.path("voucher").path("code").asString());
    assertThat(first.path("metadata").path("k").asString()).isEqualTo("v");
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(1);
  }

  @Test
  void countPublishesSeveralCodesAndGetVariantWorks() {
    Api api = newProject();
    discountCampaign(api, "multi", "STATIC", 5, null);
    JsonNode many =
        ok(
            api.post(
                "/v1/publications",
                Map.of(
                    "campaign",
                    Map.of("name", "multi", "count", 3),
                    "customer",
                    Map.of("source_id", "m"))));
    assertThat(many.path("vouchers").size()).isEqualTo(3);
    JsonNode viaGet = ok(api.get("/v1/publications/create?campaign=multi&customer=m2"));
    assertThat(viaGet.path("voucher").path("code").asString()).isNotBlank();
  }

  @Test
  void badPublicationsAreRejectedWithTheReferenceKeysAndChangeNothing() {
    Api api = newProject();
    discountCampaign(api, "bad", "STATIC", 1, null);
    error(
        api.post("/v1/publications", Map.of("customer", Map.of("source_id", "x"))),
        400,
        "missing_vouchers");
    error(api.post("/v1/publications", publishBody("nope", "x")), 404, "not_found");
    error(
        api.post(
            "/v1/publications",
            Map.of(
                "campaign",
                Map.of("name", "bad", "count", 51),
                "customer",
                Map.of("source_id", "x"))),
        400,
        "invalid_publish_params");
    ok(api.post("/v1/publications", publishBody("bad", "first")));
    error(
        api.post("/v1/publications", publishBody("bad", "second")),
        400,
        "no_voucher_suitable_for_publication");
    error(api.get("/v1/customers/second"), 404, "not_found");
  }

  @Test
  void distributionFacadeJoinsTheCallersTransactionAndIsIdempotentOnItsKey() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "distr", "STATIC", 2, null);
    String customerId =
        ok(api.post("/v1/customers", Map.of("source_id", "d1"))).path("id").asString();
    PublishRequest request =
        PublishRequest.forDistribution("distr", customerId, "distr_1", "evcus_1", "email");
    // a caller whose transaction rolls back leaves the code unpublished
    try {
      tx.executeWithoutResult(
          s -> {
            assertThat(publications.publish(project, request))
                .isInstanceOf(PublishResult.Published.class);
            s.setRollbackOnly();
          });
    } catch (RuntimeException ignored) {
      // not expected: setRollbackOnly does not throw
    }
    assertThat(publications.codesAvailable(project, "distr")).isEqualTo(2);
    PublishResult.Published first =
        (PublishResult.Published) tx.execute(s -> publications.publish(project, request));
    PublishResult.Published again =
        (PublishResult.Published) tx.execute(s -> publications.publish(project, request));
    assertThat(again.replayed()).isTrue();
    assertThat(again.voucher().path("code").asString())
        .isEqualTo(first.voucher().path("code").asString());
    assertThat(first.publication().path("metadata").path("source_type").asString())
        .isEqualTo("distribution");
    assertThat(first.publication().path("metadata").path("distribution_id").asString())
        .isEqualTo("distr_1");
    assertThat(first.publication().path("channel").asString()).isEqualTo("email");
    assertThat(first.voucher().path("assets").path("qr").path("url").asString())
        .contains("/assets/qr/");
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(1);
    PublishResult other =
        tx.execute(
            s ->
                publications.publish(
                    project,
                    PublishRequest.forDistribution(
                        "distr", customerId, "distr_1", "evcus_2", "email")));
    assertThat(other).isInstanceOf(PublishResult.Published.class);
    PublishResult none =
        tx.execute(
            s ->
                publications.publish(
                    project,
                    PublishRequest.forDistribution(
                        "distr", customerId, "distr_1", "evcus_3", "email")));
    assertThat(none).isInstanceOf(PublishResult.NoCode.class);
    assertThat(((PublishResult.NoCode) none).reason())
        .isEqualTo("no_voucher_suitable_for_publication");
  }
}
