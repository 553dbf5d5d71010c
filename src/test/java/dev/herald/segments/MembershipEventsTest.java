package dev.herald.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code customer.segment.entered} / {@code left} on each kind of change, and only then. */
class MembershipEventsTest extends SegmentTest {

  private Api api;
  private ProjectId project;

  @BeforeEach
  void project() {
    api = newProject();
    project = projectOf(api);
  }

  private void awaitTransitions(String customerId, String... expected) {
    await().untilAsserted(() -> assertThat(transitions(customerId)).containsExactly(expected));
    awaitMembershipIdle(project);
    assertThat(transitions(customerId)).containsExactly(expected);
  }

  @Test
  void withoutFilterSegmentsCustomerChangesQueueNoReevaluationUntilOneExists() {
    String ada = customer(api, Map.of("source_id", "ada", "metadata", Map.of("tier", "silver")));
    api.post(
        "/v1/segments", Map.of("name", "Listed", "type", "static", "customers", List.of("ada")));
    api.put("/v1/customers/ada", Map.of("metadata", Map.of("tier", "gold")));
    assertThat(
            jdbc.sql(
                    "select count(*) from work_item where queue = 'event:segments.membership'"
                        + " and project_id = :project")
                .param("project", project.value())
                .query(Long.class)
                .single())
        .isZero();

    String seg = synced(api, "auto-update", filter("metadata.tier", cond("$is", "silver")));
    assertThat(members(api, seg)).isEmpty();
    api.put("/v1/customers/ada", Map.of("metadata", Map.of("tier", "silver")));
    awaitTransitions(ada, "entered " + seg);
  }

  @Test
  void membersFoundByTheInitialSyncDoNotEnter() {
    String ada = customer(api, Map.of("source_id", "ada", "metadata", Map.of("tier", "gold")));
    String seg = synced(api, "auto-update", filter("metadata.tier", cond("$is", "gold")));

    assertThat(members(api, seg)).containsExactly("ada");
    awaitMembershipIdle(project);
    assertThat(transitions(ada)).isEmpty();
  }

  @Test
  void aCustomerEntersAndLeavesWhenAnUpdateChangesWhetherTheyMatch() {
    String ada = customer(api, Map.of("source_id", "ada", "metadata", Map.of("tier", "silver")));
    String seg = synced(api, "auto-update", filter("metadata.tier", cond("$is", "gold")));

    api.put("/v1/customers/ada", Map.of("metadata", Map.of("tier", "gold")));
    awaitTransitions(ada, "entered " + seg);
    api.put("/v1/customers/ada", Map.of("name", "Ada")); // still gold: no transition
    api.put("/v1/customers/ada", Map.of("metadata", Map.of("tier", "bronze")));
    awaitTransitions(ada, "entered " + seg, "left " + seg);
    assertThat(members(api, seg)).isEmpty();
  }

  @Test
  void aNewCustomerWhoMatchesEnters() {
    String seg = synced(api, "auto-update", filter("address.country", cond("$is", "PL")));
    String ola = customer(api, Map.of("source_id", "ola", "address", Map.of("country", "PL")));
    String tom = customer(api, Map.of("source_id", "tom", "address", Map.of("country", "DE")));

    awaitTransitions(ola, "entered " + seg);
    assertThat(transitions(tom)).isEmpty();
  }

  @Test
  void aDeletedCustomerLeavesEverySegmentWithTheirLastKnownProfile() {
    String ada = customer(api, Map.of("source_id", "ada", "email", "ada@example.com"));
    String active = synced(api, "auto-update", filter("email", cond("$has_value", true)));
    String passive = synced(api, "passive", filter("email", cond("$has_value", true)));
    String list =
        api.post("/v1/segments", Map.of("name", "l", "type", "static", "customers", List.of(ada)))
            .json()
            .get("id")
            .asString();

    assertThat(api.delete("/v1/customers/ada").status()).isEqualTo(204);

    awaitTransitions(ada, "left " + active);
    JsonNode data = transitionData(ada).get(0);
    assertThat(data.get("customer").get("id").asString()).isEqualTo(ada);
    assertThat(data.get("customer").get("email").asString()).isEqualTo("ada@example.com");
    for (String seg : List.of(active, passive, list)) {
      assertThat(segments.isMember(project, seg, ada)).as(seg).isFalse();
    }
  }

  @Test
  void aCustomEventThatChangesTheCountMovesTheCustomerIn() {
    String ada = customer(api, Map.of("source_id", "ada"));
    String seg =
        synced(
            api, "auto-update", filter("events.order_placed.count", cond("$more_than", list("1"))));

    track(api, "order_placed", "ada");
    awaitMembershipIdle(project);
    assertThat(transitions(ada)).isEmpty();
    track(api, "order_placed", "ada");
    awaitTransitions(ada, "entered " + seg);
  }

  @Test
  void enteredAndLeftCarryTheCustomerAndTheSegmentAsVoucherifySendsThem() {
    String ada = customer(api, Map.of("source_id", "ada", "name", "Ada"));
    Api.Response created =
        api.post(
            "/v1/segments",
            Map.of(
                "name",
                "Named Adas",
                "type",
                "auto-update",
                "filter",
                filter("name", cond("$is", "Ada Lovelace"))));
    String seg = created.json().get("id").asString();
    awaitSynced(api, seg);

    api.put("/v1/customers/ada", Map.of("name", "Ada Lovelace"));
    awaitTransitions(ada, "entered " + seg);

    JsonNode data = transitionData(ada).get(0);
    assertThat(data.get("segment"))
        .isEqualTo(
            Api.parse("{\"id\":\"" + seg + "\",\"name\":\"Named Adas\",\"object\":\"segment\"}"));
    assertThat(data.get("customer").get("id").asString()).isEqualTo(ada);
    assertThat(data.get("customer").get("name").asString()).isEqualTo("Ada Lovelace");
    assertThat(data.get("customer").get("object").asString()).isEqualTo("customer");
    JsonNode activity =
        api.get("/v1/customers/ada/activity?type=customer.segment.entered").json().get("data");
    assertThat(activity).hasSize(1);
  }

  @Test
  void aPassiveSegmentKeepsItsMembersSilentlyUntilADistributionActivatesIt() {
    String ada = customer(api, Map.of("source_id", "ada"));
    String bob = customer(api, Map.of("source_id", "bob"));
    String seg = synced(api, "passive", filter("metadata.vip", cond("$is", true)));

    api.put("/v1/customers/ada", Map.of("metadata", Map.of("vip", true)));
    await().untilAsserted(() -> assertThat(members(api, seg)).containsExactly("ada"));
    awaitMembershipIdle(project);
    assertThat(transitions(ada)).isEmpty();

    Segment active = segments.activate(project, seg);
    assertThat(active.type()).isEqualTo(SegmentType.AUTO_UPDATE);
    assertThat(active.activatedAt()).isNotNull();
    assertThat(api.get("/v1/segments/" + seg).json().get("type").asString())
        .isEqualTo("auto-update");
    assertThat(segments.activate(project, seg).activatedAt()).isEqualTo(active.activatedAt());

    api.put("/v1/customers/bob", Map.of("metadata", Map.of("vip", true)));
    api.put("/v1/customers/ada", Map.of("metadata", Map.of("vip", false)));
    awaitTransitions(bob, "entered " + seg);
    awaitTransitions(ada, "left " + seg);
  }

  @Test
  void aStaticSegmentNeverChangesAndEmitsNothing() {
    String ada = customer(api, Map.of("source_id", "ada"));
    customer(api, Map.of("source_id", "bob"));
    String seg =
        api.post(
                "/v1/segments",
                Map.of("name", "l", "type", "static", "customers", List.of("ada", "bob")))
            .json()
            .get("id")
            .asString();

    api.put("/v1/customers/ada", Map.of("metadata", Map.of("anything", 1)));
    customer(api, Map.of("source_id", "cy"));
    api.delete("/v1/customers/bob");

    await().untilAsserted(() -> assertThat(members(api, seg)).containsExactly("ada"));
    awaitMembershipIdle(project);
    assertThat(transitions(ada)).isEmpty();
  }

  @Test
  void anUnrelatedEventDoesNotTouchMembership() {
    String ada = customer(api, Map.of("source_id", "ada", "metadata", Map.of("tier", "gold")));
    String seg = synced(api, "auto-update", filter("events.login.count", cond("$is", 0)));
    assertThat(members(api, seg)).containsExactly("ada");

    track(api, "page_view", "ada");
    api.put("/v1/customers/ada", Map.of("metadata", Map.of("tier", "silver")));
    awaitMembershipIdle(project);
    assertThat(members(api, seg)).containsExactly("ada");
    track(api, "login", "ada");
    awaitTransitions(ada, "left " + seg);
  }

  @Test
  void eventsOfOtherProjectsNeverMoveThisProjectsCustomers() {
    Api other = newProject();
    String seg = synced(api, "auto-update", filter("source_id", cond("$is", "shared")));
    String mine = customer(api, Map.of("source_id", "mine"));
    String theirs = customer(other, Map.of("source_id", "shared"));

    awaitMembershipIdle(projectOf(other));
    assertThat(transitions(theirs)).isEmpty();
    assertThat(members(api, seg)).isEmpty();
    assertThat(transitions(mine)).isEmpty();
    await().during(Duration.ofMillis(300)).until(() -> members(api, seg).isEmpty());
  }
}
