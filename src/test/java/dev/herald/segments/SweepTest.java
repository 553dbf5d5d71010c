package dev.herald.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.projects.ProjectId;
import dev.herald.support.Api;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Filters that depend on the date are re-evaluated when the day changes (moved clock). */
class SweepTest extends SegmentTest {

  @Test
  void birthdayNextMonthFollowsTheCalendar() {
    Api api = newProject();
    ProjectId project = projectOf(api);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String soon =
        customer(
            api,
            Map.of(
                "source_id",
                "soon",
                "birthdate",
                today.plusMonths(1).withDayOfMonth(1).minusYears(30).toString()));
    String later =
        customer(
            api,
            Map.of(
                "source_id",
                "later",
                "birthdate",
                today.plusMonths(2).withDayOfMonth(1).minusYears(30).toString()));
    String seg = synced(api, "auto-update", filter("birthdate", cond("$next_month", list(true))));
    assertThat(members(api, seg)).containsExactly("soon");
    assertThat(api.get("/v1/segments/" + seg).json().get("initial_sync_status").asString())
        .isEqualTo("DONE");

    // to the first day of next month: "later" is born next month now, "soon" this month
    LocalDate firstOfNext = today.plusMonths(1).withDayOfMonth(1);
    clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(today, firstOfNext)));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(members(api, seg)).containsExactly("later"));
    awaitMembershipIdle(project);
    assertThat(transitions(soon)).containsExactly("left " + seg);
    assertThat(transitions(later)).containsExactly("entered " + seg);
  }

  @Test
  void aPassiveTimeDependentSegmentIsSweptSilently() {
    Api api = newProject();
    String ada = customer(api, Map.of("source_id", "ada"));
    String seg = synced(api, "passive", filter("created_at", cond("$less_than_days_ago", 2)));
    assertThat(members(api, seg)).containsExactly("ada");

    clock.advance(Duration.ofDays(3));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(members(api, seg)).isEmpty());
    assertThat(transitions(ada)).isEmpty();
  }

  @Test
  void aSegmentWithoutRelativeDatesIsNotSwept() {
    Api api = newProject();
    customer(api, Map.of("source_id", "ada"));
    String seg = synced(api, "auto-update", filter("created_at", cond("$after", "2000-01-01")));
    assertThat(
            jdbc.sql("select count(*) from work_item where queue = 'segments.sweep' and key = :k")
                .param("k", seg)
                .query(Long.class)
                .single())
        .isZero();
    String relative = synced(api, "auto-update", filter("birthdate", cond("$today", true)));
    assertThat(
            jdbc.sql("select count(*) from work_item where queue = 'segments.sweep' and key = :k")
                .param("k", relative)
                .query(Long.class)
                .single())
        .isOne();
  }
}
