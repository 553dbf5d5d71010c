package dev.herald.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operator on every field type, and/or and nesting: each case is one segment whose members
 * must be exactly the expected customers — found by the initial sync (customers first) and by
 * re-evaluation on change (segments first, then the customers and their events).
 */
class FilterOperatorsTest extends SegmentTest {

  private static final Set<String> ALL = Set.of("ada", "bob", "cy", "dee", "eve", "fay");

  private record Case(String label, Map<String, Object> filter, Set<String> expected) {}

  private LocalDate today;
  private Map<String, LocalDate> birthdates;

  @BeforeEach
  void fixDates() {
    today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    birthdates = new HashMap<>();
    birthdates.put("ada", today.plusMonths(3).withDayOfMonth(10).minusYears(30));
    birthdates.put("bob", today.minusYears(28)); // anniversary today
    birthdates.put("eve", today.plusMonths(1).minusYears(32)); // next month
    birthdates.put("fay", today.plusDays(5).minusYears(40)); // in five days
  }

  @Test
  void theInitialSyncFindsExactlyTheMatchingCustomersForEveryOperator() {
    Api api = newProject();
    createCustomers(api);
    List<Case> cases = cases();
    Map<String, String> ids = new LinkedHashMap<>();
    for (Case c : cases) {
      ids.put(c.label(), segment(api, "auto-update", c.filter()));
    }
    ids.values().forEach(id -> awaitSynced(api, id));
    SoftAssertions soft = new SoftAssertions();
    for (Case c : cases) {
      soft.assertThat(members(api, ids.get(c.label()))).as(c.label()).isEqualTo(c.expected());
    }
    soft.assertAll();
  }

  @Test
  void reEvaluationOnChangeFindsExactlyTheMatchingCustomersForEveryOperator() {
    Api api = newProject();
    List<Case> cases = cases();
    Map<String, String> ids = new LinkedHashMap<>();
    for (Case c : cases) {
      ids.put(c.label(), segment(api, "auto-update", c.filter()));
    }
    ids.values().forEach(id -> awaitSynced(api, id));
    createCustomers(api);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              SoftAssertions soft = new SoftAssertions();
              for (Case c : cases) {
                soft.assertThat(members(api, ids.get(c.label())))
                    .as(c.label())
                    .isEqualTo(c.expected());
              }
              soft.assertAll();
            });
  }

  private void createCustomers(Api api) {
    customer(
        api,
        Map.of(
            "source_id", "ada",
            "name", "Ada Lovelace",
            "email", "ada@example.com",
            "phone", "+44 20 1",
            "description", "mathematician",
            "birthdate", birthdates.get("ada").toString(),
            "address",
                Map.of(
                    "city", "London",
                    "country", "GB",
                    "postal_code", "NW1 6XE",
                    "line_1", "12 Baker St"),
            "metadata",
                Map.of(
                    "tier",
                    "gold",
                    "age",
                    36,
                    "vip",
                    true,
                    "signup",
                    today.minusDays(3).toString(),
                    "score",
                    "12.5",
                    "nick",
                    "A")));
    customer(
        api,
        Map.of(
            "source_id", "bob",
            "name", "Bob",
            "email", "bob@test.org",
            "description", "",
            "birthdate", birthdates.get("bob").toString(),
            "address", Map.of("city", "Berlin", "country", "DE"),
            "metadata",
                Map.of(
                    "tier",
                    "silver",
                    "age",
                    20,
                    "vip",
                    false,
                    "signup",
                    today.minusDays(100) + "T10:00:00Z",
                    "score",
                    7)));
    customer(api, Map.of("source_id", "cy", "name", "Cy"));
    customer(
        api,
        Map.of(
            "source_id", "dee",
            "name", "Dee Dee",
            "email", "dee@example.com",
            "address", Map.of("city", "London", "country", "GB"),
            "metadata",
                Map.of(
                    "tier",
                    "Gold",
                    "age",
                    "40",
                    "vip",
                    "true",
                    "signup",
                    "not a date",
                    "score",
                    "x")));
    customer(
        api,
        Map.of(
            "source_id", "eve",
            "name", "Eve",
            "email", "eve@Example.com",
            "birthdate", birthdates.get("eve").toString(),
            "metadata", Map.of("tier", "bronze", "age", 65, "vip", false)));
    customer(
        api,
        Map.of(
            "source_id",
            "fay",
            "name",
            "Fay",
            "birthdate",
            birthdates.get("fay").toString(),
            "metadata",
            Map.of("tier", "gold", "age", 18)));
    for (int i = 0; i < 3; i++) {
      track(api, "purchase", "ada");
    }
    track(api, "purchase", "bob");
    track(api, "login", "dee");
    track(api, "login", "dee");
  }

  private List<Case> cases() {
    List<Case> out = new ArrayList<>();
    String before = Instant.now().minus(Duration.ofDays(1)).toString();
    // --- strings: attributes, address, metadata
    out.add(c("email $is", filter("email", cond("$is", "ada@example.com")), "ada"));
    out.add(
        c(
            "email $is_not (no email matches)",
            filter("email", cond("$is_not", list("ada@example.com"))),
            "bob",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c(
            "address.city $in",
            filter("address.city", cond("$in", list("London", "Paris"))),
            "ada",
            "dee"));
    out.add(
        c(
            "address.city $not_in",
            filter("address.city", cond("$not_in", list("London"))),
            "bob",
            "cy",
            "eve",
            "fay"));
    out.add(
        c(
            "email $has_value",
            filter("email", cond("$has_value", true)),
            "ada",
            "bob",
            "dee",
            "eve"));
    out.add(c("email $is_unknown", filter("email", cond("$is_unknown", list(true))), "cy", "fay"));
    out.add(c("name $starts_with", filter("name", cond("$starts_with", "Dee")), "dee"));
    out.add(
        c(
            "email $ends_with is case-sensitive",
            filter("email", cond("$ends_with", list("@example.com"))),
            "ada",
            "dee"));
    out.add(c("name $contains", filter("name", cond("$contains", "ee")), "dee"));
    out.add(c("name $not_contain", filter("name", cond("$not_contain", "e")), "bob", "cy", "fay"));
    out.add(
        c(
            "description $has_value (empty is none)",
            filter("description", cond("$has_value", true)),
            "ada"));
    out.add(
        c(
            "description $is_unknown",
            filter("description", cond("$is_unknown", true)),
            "bob",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(c("metadata string $is", filter("metadata.tier", cond("$is", "gold")), "ada", "fay"));
    out.add(
        c(
            "metadata string $in",
            filter("metadata.tier", cond("$in", list("gold", "Gold"))),
            "ada",
            "dee",
            "fay"));
    out.add(
        c(
            "metadata string $not_in",
            filter("metadata.tier", cond("$not_in", list("gold"))),
            "bob",
            "cy",
            "dee",
            "eve"));
    out.add(c("metadata $starts_with", filter("metadata.tier", cond("$starts_with", "G")), "dee"));
    out.add(
        c(
            "metadata $is_unknown",
            filter("metadata.nick", cond("$is_unknown", true)),
            "bob",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c("address $ends_with", filter("address.postal_code", cond("$ends_with", "6XE")), "ada"));
    out.add(c("source_id $is", filter("source_id", cond("$is", "bob")), "bob"));
    out.add(c("phone $contains", filter("phone", cond("$contains", "44")), "ada"));
    // --- numbers: metadata (numeric strings count), custom event counts
    out.add(c("metadata number $is", filter("metadata.age", cond("$is", 36)), "ada"));
    out.add(
        c(
            "metadata number $is_not",
            filter("metadata.age", cond("$is_not", 36)),
            "bob",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c("metadata number $in", filter("metadata.age", cond("$in", list(20, 40))), "bob", "dee"));
    out.add(
        c(
            "metadata number $not_in",
            filter("metadata.age", cond("$not_in", list(20))),
            "ada",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c(
            "metadata $more_than",
            filter("metadata.age", cond("$more_than", list(36))),
            "dee",
            "eve"));
    out.add(
        c(
            "metadata $less_than (value as string)",
            filter("metadata.age", cond("$less_than", list("21"))),
            "bob",
            "fay"));
    out.add(
        c(
            "metadata $more_than_equal",
            filter("metadata.age", cond("$more_than_equal", list(36))),
            "ada",
            "dee",
            "eve"));
    out.add(
        c(
            "metadata $less_than_equal",
            filter("metadata.age", cond("$less_than_equal", 20)),
            "bob",
            "fay"));
    out.add(c("metadata decimal string", filter("metadata.score", cond("$more_than", 10)), "ada"));
    out.add(
        c(
            "metadata $has_value",
            filter("metadata.age", cond("$has_value", true)),
            "ada",
            "bob",
            "dee",
            "eve",
            "fay"));
    out.add(
        c(
            "events count $more_than",
            filter("events.purchase.count", cond("$more_than", list("0"))),
            "ada",
            "bob"));
    out.add(
        c(
            "events count $is 0 (no events)",
            filter("events.purchase.count", cond("$is", 0)),
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c(
            "events count $less_than",
            filter("events.purchase.count", cond("$less_than", 2)),
            "bob",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c(
            "events count $more_than_equal",
            filter("events.purchase.count", cond("$more_than_equal", 3)),
            "ada"));
    out.add(c("events count $in", filter("events.login.count", cond("$in", list(2, 5))), "dee"));
    out.add(
        c(
            "events count $not_in",
            filter("events.purchase.count", cond("$not_in", list(1))),
            "ada",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c(
            "events count $less_than_equal",
            filter("events.purchase.count", cond("$less_than_equal", 1)),
            "bob",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c(
            "events count $is_not",
            filter("events.purchase.count", cond("$is_not", 3)),
            "bob",
            "cy",
            "dee",
            "eve",
            "fay"));
    // --- booleans (metadata; "true" strings count)
    out.add(c("boolean $is true", filter("metadata.vip", cond("$is", true)), "ada", "dee"));
    out.add(c("boolean $is false", filter("metadata.vip", cond("$is", list(false))), "bob", "eve"));
    out.add(
        c(
            "boolean $is_not true",
            filter("metadata.vip", cond("$is_not", true)),
            "bob",
            "cy",
            "eve",
            "fay"));
    // --- dates: birthdate, metadata dates
    out.add(
        c(
            "birthdate $has_value",
            filter("birthdate", cond("$has_value", true)),
            "ada",
            "bob",
            "eve",
            "fay"));
    out.add(
        c("birthdate $is_unknown", filter("birthdate", cond("$is_unknown", true)), "cy", "dee"));
    String bob = birthdates.get("bob").toString();
    out.add(c("birthdate $after", filter("birthdate", cond("$after", bob)), born(1)));
    out.add(c("birthdate $before", filter("birthdate", cond("$before", list(bob))), born(-1)));
    out.add(c("birthdate $is", filter("birthdate", cond("$is", bob)), "bob"));
    out.add(c("birthday alias $is", filter("birthday", cond("$is", bob)), "bob"));
    out.add(
        c(
            "birthdate $is_not",
            filter("birthdate", cond("$is_not", bob)),
            "ada",
            "cy",
            "dee",
            "eve",
            "fay"));
    out.add(
        c(
            "birthdate $more_than_days_ago",
            filter("birthdate", cond("$more_than_days_ago", 365)),
            "ada",
            "bob",
            "eve",
            "fay"));
    String tenDaysAgo = today.minusDays(10).toString();
    out.add(
        c("metadata date $after", filter("metadata.signup", cond("$after", tenDaysAgo)), "ada"));
    out.add(
        c("metadata date $before", filter("metadata.signup", cond("$before", tenDaysAgo)), "bob"));
    out.add(
        c(
            "metadata date $is",
            filter("metadata.signup", cond("$is", today.minusDays(3).toString())),
            "ada"));
    out.add(
        c(
            "metadata date $less_than_days_ago",
            filter("metadata.signup", cond("$less_than_days_ago", 7)),
            "ada"));
    out.add(
        c(
            "metadata date $more_than_days_ago",
            filter("metadata.signup", cond("$more_than_days_ago", list(30))),
            "bob"));
    // --- date-times: created_at, updated_at
    out.add(c("created_at $after instant", filter("created_at", cond("$after", before)), ALL));
    out.add(c("created_at $before instant", filter("created_at", cond("$before", before))));
    out.add(
        c(
            "created_at $after date",
            filter("created_at", cond("$after", today.minusDays(1).toString())),
            ALL));
    out.add(c("created_at $is today", filter("created_at", cond("$is", today.toString())), ALL));
    out.add(
        c(
            "created_at $less_than_days_ago",
            filter("created_at", cond("$less_than_days_ago", 1)),
            ALL));
    out.add(
        c("created_at $more_than_days_ago", filter("created_at", cond("$more_than_days_ago", 0))));
    out.add(c("created_at $has_value", filter("created_at", cond("$has_value", true)), ALL));
    out.add(c("updated_at $is_unknown", filter("updated_at", cond("$is_unknown", true)), ALL));
    // --- anniversaries (birthdate)
    out.add(c("birthdate $today", filter("birthdate", cond("$today", true)), "bob"));
    out.add(
        c(
            "birthdate $this_month",
            filter("birthdate", cond("$this_month", list(true))),
            anniversaries(0)));
    out.add(
        c(
            "birthdate $next_month",
            filter("birthdate", cond("$next_month", list(true))),
            anniversaries(1)));
    out.add(
        c(
            "birthdate $next_days 7",
            filter("birthdate", cond("$next_days", list(7))),
            "bob",
            "fay"));
    out.add(c("birthdate $next_days 1", filter("birthdate", cond("$next_days", 1)), "bob"));
    // --- and / or / nesting
    out.add(
        c(
            "and",
            filter(
                "junction", "and",
                "metadata.tier", cond("$is", "gold"),
                "metadata.age", cond("$more_than", 20)),
            "ada"));
    out.add(
        c(
            "or",
            filter(
                "junction", "or",
                "metadata.tier", cond("$is", "silver"),
                "events.login.count", cond("$more_than", 0)),
            "bob",
            "dee"));
    out.add(
        c(
            "OR in capitals",
            filter(
                "junction", "OR",
                "metadata.tier", cond("$is", "silver"),
                "events.login.count", cond("$more_than", 0)),
            "bob",
            "dee"));
    out.add(
        c(
            "or of nested ands",
            filter(
                "junction",
                "or",
                "filters",
                list(
                    filter(
                        "junction", "and",
                        "address.city", cond("$is", "London"),
                        "metadata.vip", cond("$is", true)),
                    filter("metadata.age", cond("$less_than", 19)))),
            "ada",
            "dee",
            "fay"));
    out.add(
        c(
            "and with a nested or",
            filter(
                "junction", "AND",
                "metadata.tier", cond("$in", list("gold", "Gold")),
                "filters",
                    list(
                        filter(
                            "junction", "or",
                            "email", cond("$ends_with", "@test.org"),
                            "events.purchase.count", cond("$more_than", 2)))),
            "ada"));
    out.add(
        c(
            "two operators on one field both hold",
            filter(
                "metadata.age", Map.of("conditions", Map.of("$more_than", 19, "$less_than", 40))),
            "ada",
            "bob"));
    out.add(c("no condition: everyone", filter("junction", "and"), ALL));
    return out;
  }

  private static Case c(String label, Map<String, Object> filter, String... expected) {
    return new Case(label, filter, Set.of(expected));
  }

  private static Case c(String label, Map<String, Object> filter, Set<String> expected) {
    return new Case(label, filter, expected);
  }

  /** Customers born after (sign 1) or before (-1) bob. */
  private Set<String> born(int sign) {
    Set<String> out = new TreeSet<>();
    birthdates.forEach(
        (who, date) -> {
          if (Integer.signum(date.compareTo(birthdates.get("bob"))) == sign) {
            out.add(who);
          }
        });
    return out;
  }

  /** Customers whose birthday month is this month plus {@code months}. */
  private Set<String> anniversaries(int months) {
    int month = today.plusMonths(months).getMonthValue();
    Set<String> out = new TreeSet<>();
    birthdates.forEach(
        (who, date) -> {
          if (date.getMonthValue() == month) {
            out.add(who);
          }
        });
    assertThat(out).isNotEmpty();
    return out;
  }
}
