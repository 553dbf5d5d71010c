package dev.herald.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.NewEvent;
import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import dev.herald.support.Api;
import dev.herald.support.FakeLoyaltySource;
import dev.herald.support.FakeOrdersSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A field source from another module (here a fake orders module in the tests, {@link
 * FakeOrdersSource}) plugs in with one bean: its fields validate, sync, re-evaluate on its events
 * and sweep when relative, with nothing else to wire.
 */
class ThirdPartySourceTest extends SegmentTest {

  @Autowired EventLog eventLog;
  @Autowired TransactionTemplate tx;
  private Api api;
  private ProjectId project;

  @BeforeEach
  void project() {
    jdbc.sql(FakeOrdersSource.TABLE).update();
    jdbc.sql(FakeLoyaltySource.TABLE).update();
    api = newProject();
    project = projectOf(api);
  }

  /** What an orders module does when an order is paid: its summary and its event, one commit. */
  private void orderPaid(String customerId, long amount) {
    tx.executeWithoutResult(
        s -> {
          jdbc.sql(
                  """
                  insert into test_order_summary
                    (project_id, customer_id, total_count, total_amount, last_order_date)
                  values (:p, :c, 1, :amount, :at)
                  on conflict (project_id, customer_id) do update set
                    total_count = test_order_summary.total_count + 1,
                    total_amount = test_order_summary.total_amount + :amount,
                    last_order_date = :at
                  """)
              .param("p", project.value())
              .param("c", customerId)
              .param("amount", amount)
              .param("at", Sql.ts(clock.instant()))
              .update();
          eventLog.append(
              NewEvent.of(
                  project,
                  amount >= 0 ? "customer.order.paid" : "customer.order.canceled",
                  customerId,
                  Json.object()));
        });
  }

  @Test
  void orderEventsMoveCustomersInAndOutOfASegmentOnAnotherModulesField() {
    String ada = customer(api, Map.of("source_id", "ada"));
    String bob = customer(api, Map.of("source_id", "bob"));
    orderPaid(bob, 20_000);
    String big =
        synced(api, "auto-update", filter("test_orders.total_amount", cond("$more_than", 10_000)));
    String none = synced(api, "auto-update", filter("test_orders.total_count", cond("$is", 0)));
    assertThat(members(api, big)).containsExactly("bob");
    assertThat(members(api, none)).containsExactly("ada");

    orderPaid(ada, 15_000);
    await()
        .untilAsserted(
            () ->
                assertThat(transitions(ada))
                    .containsExactlyInAnyOrder("left " + none, "entered " + big));
    orderPaid(ada, -10_000);
    await()
        .untilAsserted(
            () ->
                assertThat(transitions(ada).subList(2, transitions(ada).size()))
                    .containsExactly("left " + big));
    awaitMembershipIdle(project);
    assertThat(transitions(bob)).isEmpty();
  }

  /** What a loyalty module does when points change: the balance and its event, one commit. */
  private void points(String customerId, String campaign, long points, String eventType) {
    tx.executeWithoutResult(
        s -> {
          jdbc.sql(
                  """
                  insert into test_loyalty_points (project_id, customer_id, campaign, points)
                  values (:p, :c, :campaign, :points)
                  on conflict (project_id, customer_id, campaign) do update set points = :points
                  """)
              .param("p", project.value())
              .param("c", customerId)
              .param("campaign", campaign)
              .param("points", points)
              .update();
          eventLog.append(NewEvent.of(project, eventType, customerId, Json.object()));
        });
  }

  @Test
  void loyaltyPointEventsMoveCustomersInAndOut() {
    String ada = customer(api, Map.of("source_id", "ada"));
    String gold =
        synced(
            api,
            "auto-update",
            filter("test_loyalty.campaigns.Tiers 2.points", cond("$more_than_equal", list(41))));

    points(ada, "Tiers 2", 50, "customer.rewarded.loyalty_points");
    await().untilAsserted(() -> assertThat(transitions(ada)).containsExactly("entered " + gold));
    points(ada, "Other", 500, "customer.voucher.loyalty_card.points_added");
    points(ada, "Tiers 2", 10, "customer.voucher.loyalty_card.points_expired");
    await()
        .untilAsserted(
            () -> assertThat(transitions(ada)).containsExactly("entered " + gold, "left " + gold));
    awaitMembershipIdle(project);
    assertThat(members(api, gold)).isEmpty();
  }

  @Test
  void anotherModulesFieldsAreValidatedAndListedInErrors() {
    Api.Response r =
        api.post(
            "/v1/segments",
            Map.of(
                "name",
                "x",
                "type",
                "auto-update",
                "filter",
                filter("test_orders.bogus", cond("$is", 1))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("details").asString())
        .contains("test_orders.bogus", "test_orders.total_count", "test_orders.last_order_date");
    Api.Response wrongType =
        api.post(
            "/v1/segments",
            Map.of(
                "name",
                "x",
                "type",
                "auto-update",
                "filter",
                filter("test_orders.last_order_date", cond("$more_than", 1))));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("details").asString())
        .contains("is not available for datetime field test_orders.last_order_date");
  }

  @Test
  void aRelativeFilterOnAnotherModulesDateIsSweptAsTimePasses() {
    String ada = customer(api, Map.of("source_id", "ada"));
    orderPaid(ada, 500);
    String recent =
        synced(
            api,
            "auto-update",
            filter("test_orders.last_order_date", cond("$less_than_days_ago", 30)));
    assertThat(members(api, recent)).containsExactly("ada");

    clock.advance(Duration.ofDays(31));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(transitions(ada)).containsExactly("left " + recent));
    assertThat(members(api, recent)).isEmpty();
    assertThat(Instant.now()).isBefore(clock.instant());
  }
}
