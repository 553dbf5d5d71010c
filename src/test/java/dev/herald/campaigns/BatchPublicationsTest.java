package dev.herald.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** {@link Publications#publishAll}: a distribution's page of recipients in one transaction. */
class BatchPublicationsTest extends PromoTestSupport {

  @Autowired Publications publications;
  @Autowired TransactionTemplate tx;
  @Autowired Customers customerFacade;

  private List<String> customers(Api api, String prefix, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(ok(api.post("/v1/customers", Map.of("source_id", prefix + i))).path("id").asString());
    }
    return ids;
  }

  private static List<PublishRequest> requests(
      String campaign, List<String> customers, String distribution, String trigger) {
    return customers.stream()
        .map(c -> PublishRequest.forDistribution(campaign, c, distribution, trigger, "email"))
        .toList();
  }

  private List<PublishResult> publishAll(ProjectId project, List<PublishRequest> requests) {
    return tx.execute(s -> publications.publishAll(project, requests));
  }

  private static String code(PublishResult r) {
    assertThat(r).isInstanceOf(PublishResult.Published.class);
    return ((PublishResult.Published) r).voucher().path("code").asString();
  }

  /** Row updates of {@code voucher} made by this backend and not yet reported: all, in place. */
  private long[] voucherUpdates() {
    Map<String, Object> counts =
        jdbc.sql(
                "select pg_stat_get_xact_tuples_updated('voucher'::regclass) as updated,"
                    + " pg_stat_get_xact_tuples_hot_updated('voucher'::regclass) as hot")
            .query()
            .singleRow();
    return new long[] {
      ((Number) counts.get("updated")).longValue(), ((Number) counts.get("hot")).longValue()
    };
  }

  private long holders(Api api) {
    return jdbc.sql("select count(*) from voucher where project_id = :p and holder_id is not null")
        .param("p", projectOf(api).value())
        .query(Long.class)
        .single();
  }

  @Test
  void publishesOneCodePerCustomerWithTheSameEventsAndReplaysOnRetry() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "batch", "STATIC", 10, null);
    List<String> ids = customers(api, "b", 5);
    List<PublishResult> first = publishAll(project, requests("batch", ids, "distr_b", "run_1"));
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      PublishResult.Published p = (PublishResult.Published) first.get(i);
      assertThat(p.replayed()).isFalse();
      assertThat(p.publication().path("customer_id").asString()).isEqualTo(ids.get(i));
      assertThat(p.voucher().path("holder_id").asString()).isEqualTo(ids.get(i));
      assertThat(p.publication().path("metadata").path("distribution_id").asString())
          .isEqualTo("distr_b");
      assertThat(p.publication().path("channel").asString()).isEqualTo("email");
      codes.add(code(p));
    }
    assertThat(codes).hasSize(5);
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(5);
    assertThat(events(api).count("voucher.published")).isEqualTo(5);
    JsonNode event = Api.parse(events(api).dataOf("customer.publication.succeeded").get(0));
    assertThat(event.path("campaign").path("name").asString()).isEqualTo("batch");
    assertThat(event.path("campaign").path("vouchers_count").asInt()).isEqualTo(10);
    assertThat(event.path("customer").path("object").asString()).isEqualTo("customer");
    assertThat(event.path("voucher").path("code").asString()).isIn(codes);

    List<PublishResult> again = publishAll(project, requests("batch", ids, "distr_b", "run_1"));
    for (int i = 0; i < ids.size(); i++) {
      assertThat(((PublishResult.Published) again.get(i)).replayed()).isTrue();
      assertThat(code(again.get(i))).isEqualTo(code(first.get(i)));
    }
    // a single publication with a batch's key replays the batch's result too
    PublishResult single =
        tx.execute(
            s ->
                publications.publish(
                    project,
                    PublishRequest.forDistribution("batch", ids.get(2), "distr_b", "run_1", "x")));
    assertThat(code(single)).isEqualTo(code(first.get(2)));
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(5);
    assertThat(ok(api.get("/v1/publications?campaign=batch")).path("total").asInt()).isEqualTo(5);
  }

  @Test
  void customersTheCallerJustReadAreCarriedAsGivenAndTheOthersAreReadAsUsual() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "known", "STATIC", 5, null);
    List<String> ids = customers(api, "k", 3);
    List<PublishResult> results =
        tx.execute(
            s -> {
              Customer first = customerFacade.get(project, ids.get(0));
              Map<String, KnownCustomer> known =
                  Map.of(first.id(), new KnownCustomer(first, customerFacade.toJson(first)));
              List<PublishResult> out =
                  publications.publishAll(project, requests("known", ids, "distr_k", "run"), known);
              PublishResult.Published p = (PublishResult.Published) out.get(0);
              assertThat(p.event().data().get("customer")).isSameAs(known.get(first.id()).json());
              assertThat(p.publication().get("customer")).isSameAs(known.get(first.id()).json());
              return out;
            });

    for (int i = 0; i < ids.size(); i++) {
      PublishResult.Published p = (PublishResult.Published) results.get(i);
      assertThat(p.event().data().path("customer").path("id").asString()).isEqualTo(ids.get(i));
      assertThat(p.event().data().path("customer").path("source_id").asString()).isEqualTo("k" + i);
    }
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(3);
  }

  @Test
  void answersEachRequestAsASinglePublicationWouldWhenThePoolRunsShort() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "short", "STATIC", 3, null);
    List<String> ids = customers(api, "s", 4);
    PublishResult earlier =
        tx.execute(
            s ->
                publications.publish(
                    project,
                    PublishRequest.forDistribution("short", ids.get(0), "distr_s", "run", "sms")));
    List<String> batch = new ArrayList<>(ids);
    batch.add(2, "cust_gone");
    batch.add(ids.get(1)); // the same request twice in one batch
    List<PublishResult> results = publishAll(project, requests("short", batch, "distr_s", "run"));

    assertThat(code(results.get(0))).isEqualTo(code(earlier));
    assertThat(((PublishResult.Published) results.get(0)).replayed()).isTrue();
    assertThat(results.get(2))
        .isEqualTo(new PublishResult.NoCode("not_found", "Cannot find customer with id cust_gone"));
    assertThat(code(results.get(5))).isEqualTo(code(results.get(1)));
    assertThat(((PublishResult.Published) results.get(5)).replayed()).isTrue();
    // 2 codes were left for ids 1, 2, 3: the last one gets none
    code(results.get(1));
    code(results.get(3));
    assertThat(results.get(4)).isInstanceOf(PublishResult.NoCode.class);
    assertThat(((PublishResult.NoCode) results.get(4)).reason())
        .isEqualTo("no_voucher_suitable_for_publication");
    assertThat(holders(api)).isEqualTo(3);
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(3);
  }

  @Test
  void joinOnceCampaignGivesAMemberTheCodeTheyAlreadyHave() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    ok(
        api.post(
            "/v1/campaigns",
            Map.of(
                "name",
                "club",
                "campaign_type",
                "DISCOUNT_COUPONS",
                "type",
                "STATIC",
                "join_once",
                true,
                "vouchers_count",
                5,
                "voucher",
                Map.of(
                    "type",
                    "DISCOUNT_VOUCHER",
                    "discount",
                    Map.of("type", "PERCENT", "percent_off", 10)))));
    List<String> ids = customers(api, "j", 3);
    String member =
        ok(api.post(
                "/v1/publications",
                Map.of("campaign", Map.of("name", "club"), "customer", Map.of("id", ids.get(0)))))
            .path("voucher")
            .path("code")
            .asString();
    List<PublishResult> results = publishAll(project, requests("club", ids, "distr_j", "run"));
    assertThat(code(results.get(0))).isEqualTo(member);
    assertThat(((PublishResult.Published) results.get(0)).replayed()).isTrue();
    assertThat(Set.of(code(results.get(1)), code(results.get(2)), member)).hasSize(3);
    List<PublishResult> other = publishAll(project, requests("club", ids, "distr_j", "run_2"));
    for (int i = 0; i < 3; i++) {
      assertThat(code(other.get(i))).isEqualTo(code(results.get(i)));
    }
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(3);
  }

  @Test
  void autoUpdateCampaignMakesTheMissingCodesAndCountsThem() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "grow", "AUTO_UPDATE", 2, null);
    List<String> ids = customers(api, "g", 5);
    List<PublishResult> results = publishAll(project, requests("grow", ids, "distr_g", "run"));
    Set<String> codes = new HashSet<>();
    results.forEach(r -> codes.add(code(r)));
    assertThat(codes).hasSize(5);
    assertThat(ok(api.get("/v1/campaigns/grow")).path("vouchers_count").asInt()).isEqualTo(5);
    assertThat(api.delete("/v1/vouchers/" + codes.iterator().next()).status()).isEqualTo(204);
    assertThat(ok(api.get("/v1/campaigns/grow")).path("vouchers_count").asInt()).isEqualTo(4);
  }

  @Test
  void codesArePublishedInPlaceFromThePoolAndFoundByTheirHolder() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "in-place", "STATIC", 6, null);
    List<String> ids = customers(api, "p", 4);
    String deleted =
        jdbc.sql("select code from voucher where project_id = :p order by seq limit 1")
            .param("p", project.value())
            .query(String.class)
            .single();
    assertThat(api.delete("/v1/vouchers/" + deleted).status()).isEqualTo(204);

    record Updates(List<PublishResult> results, long updated, long inPlace) {}
    Updates u =
        tx.execute(
            s -> {
              // the server's count of row updates this backend made and has not yet reported
              // (its earlier transactions' too, hence the difference)
              long[] before = voucherUpdates();
              List<PublishResult> results =
                  publications.publishAll(project, requests("in-place", ids, "distr_p", "run"));
              long[] after = voucherUpdates();
              return new Updates(results, after[0] - before[0], after[1] - before[1]);
            });
    assertThat(u.updated()).isEqualTo(4);
    assertThat(u.inPlace()).as("no index entry written for a code's publication").isEqualTo(4);
    List<String> codes = u.results().stream().map(BatchPublicationsTest::code).toList();
    assertThat(codes).doesNotContain(deleted).doesNotHaveDuplicates();
    assertThat(publications.codesAvailable(project, "in-place")).isEqualTo(1);
    for (int i = 0; i < ids.size(); i++) {
      JsonNode held = ok(api.get("/v1/vouchers?customer=" + ids.get(i)));
      assertThat(held.path("vouchers").findValuesAsString("code")).containsExactly(codes.get(i));
    }
    List<PublishResult> more =
        publishAll(project, requests("in-place", customers(api, "q", 2), "distr_p", "run"));
    assertThat(more.get(0)).isInstanceOf(PublishResult.Published.class);
    assertThat(more.get(1))
        .as("the deleted code is not in the pool")
        .isInstanceOf(PublishResult.NoCode.class);
  }

  @Test
  void aCallerThatRollsBackLeavesNothingPublished() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "undo", "STATIC", 4, null);
    List<String> ids = customers(api, "u", 3);
    tx.executeWithoutResult(
        s -> {
          assertThat(publications.publishAll(project, requests("undo", ids, "distr_u", "run")))
              .allMatch(r -> r instanceof PublishResult.Published);
          s.setRollbackOnly();
        });
    assertThat(holders(api)).isZero();
    assertThat(events(api).count("customer.publication.succeeded")).isZero();
    assertThat(publications.codesAvailable(project, "undo")).isEqualTo(4);
  }

  @Test
  void rejectsBatchesItCannotAnswerLikeSinglePublications() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "one", "STATIC", 2, null);
    discountCampaign(api, "two", "STATIC", 2, null);
    List<String> ids = customers(api, "r", 2);
    List<PublishRequest> mixed =
        List.of(
            PublishRequest.forDistribution("one", ids.get(0), "d", "t", null),
            PublishRequest.forDistribution("two", ids.get(1), "d", "t", null));
    assertThatThrownBy(() -> publishAll(project, mixed))
        .isInstanceOf(IllegalArgumentException.class);
    List<PublishRequest> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(PublishRequest.forDistribution("one", ids.get(0), "d", "t" + i, null));
    }
    assertThatThrownBy(() -> publishAll(project, tooMany))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> publishAll(project, requests("nope", ids, "d", "t")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(holders(api)).isZero();
  }

  @Test
  void parallelBatchesAndSinglePublicationsNeverShareACodeOrRepeatAKey() throws Exception {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "race", "STATIC", 600, null);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ok(api.get("/v1/campaigns/race"))
                    .path("vouchers_generation_status")
                    .asString()
                    .equals("DONE"));
    List<String> ids = customers(api, "p", 100);
    // four batches race over the same 100 keys, four over their own, and single API publications
    List<List<PublishResult>> results =
        parallel(
            12,
            i -> {
              if (i < 4) {
                return publishAll(project, requests("race", ids, "distr_p", "shared"));
              }
              if (i < 8) {
                return publishAll(project, requests("race", ids, "distr_p", "own_" + i));
              }
              List<PublishResult> singles = new ArrayList<>();
              for (int k = 0; k < 10; k++) {
                Api.Response r =
                    api.post(
                        "/v1/publications",
                        Map.of(
                            "campaign",
                            Map.of("name", "race"),
                            "customer",
                            Map.of("source_id", "single-" + i + "-" + k)));
                assertThat(r.status()).as(r.text()).isEqualTo(200);
              }
              return singles;
            });
    for (int k = 0; k < 100; k++) {
      String shared = code(results.get(0).get(k));
      for (int i = 1; i < 4; i++) {
        assertThat(code(results.get(i).get(k))).isEqualTo(shared);
      }
    }
    long published =
        jdbc.sql("select count(*) from publication where project_id = :p")
            .param("p", project.value())
            .query(Long.class)
            .single();
    // 100 shared keys + 4 × 100 own keys + 40 single publications
    long distinctCodes =
        jdbc.sql("select count(distinct c) from publication, unnest(codes) c where project_id = :p")
            .param("p", project.value())
            .query(Long.class)
            .single();
    assertThat(published).isEqualTo(540);
    assertThat(distinctCodes).isEqualTo(540);
    assertThat(holders(api)).isEqualTo(540);
    assertThat(events(api).count("customer.publication.succeeded")).isEqualTo(540);
    assertThat(ok(api.get("/v1/campaigns/race")).path("vouchers_count").asInt()).isEqualTo(600);
    long keys =
        jdbc.sql(
                "select count(distinct idempotency_key) from publication where project_id = :p"
                    + " and idempotency_key like 'distr_p:shared:%'")
            .param("p", project.value())
            .query(Long.class)
            .single();
    assertThat(keys).isEqualTo(100);
  }

  @Test
  void aCodeFreedBehindWhereTheLastBatchStoppedIsStillPublishedWhenTheRestRunOut() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    discountCampaign(api, "resumed", "STATIC", 5, null);
    List<String> ids = customers(api, "r", 6);
    List<PublishResult> first =
        publishAll(project, requests("resumed", ids.subList(0, 2), "d", "1"));
    String freed = code(first.get(0));
    // the first code goes back to the pool (as a rolled-back reservation would leave it)
    jdbc.sql(
            """
            with v as (
              update voucher set holder_id = null where project_id = :p and code = :code
              returning id, campaign_id, seq),
            held as (delete from voucher_holding h using v where h.voucher_id = v.id)
            insert into voucher_pool (campaign_id, seq, voucher_id)
            select campaign_id, seq, id from v
            """)
        .param("p", project.value())
        .param("code", freed)
        .update();

    List<PublishResult> second =
        publishAll(project, requests("resumed", ids.subList(2, 6), "d", "2"));

    assertThat(second).allSatisfy(r -> assertThat(r).isInstanceOf(PublishResult.Published.class));
    List<String> codes = second.stream().map(BatchPublicationsTest::code).toList();
    assertThat(codes).as("the three after the first batch, then the freed one").contains(freed);
    assertThat(new HashSet<>(codes)).hasSize(4).doesNotContain(code(first.get(1)));
    assertThat(holders(api)).isEqualTo(5);
  }
}
