package dev.herald.bench;

import dev.herald.projects.ProjectId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bench data, generated set-based in SQL: customers with varied attributes, addresses, metadata and
 * birthdates, and custom event counts for a third of them. Fixture code writes the customers' and
 * custom events' tables directly; Herald's own code never does.
 */
final class Fixtures {

  static final String[] TIERS = {"gold", "silver", "bronze", "none"};

  private Fixtures() {}

  static void customers(JdbcClient jdbc, ProjectId project, int count) {
    jdbc.sql(
            """
            insert into customer (id, project_id, source_id, name, email, birthdate, address,
              metadata, created_at)
            select 'cust_' || md5(:project || i::text), :project, 'src-' || i, 'Customer ' || i,
              'c' || i || '@example.com', date '1950-01-01' + (i::bigint * 7919 % 20000)::int,
              jsonb_build_object(
                'city', (array['Warsaw','Berlin','Paris','London','Madrid'])[1 + i % 5],
                'country', (array['PL','DE','FR','GB','ES'])[1 + i % 5]),
              jsonb_build_object(
                'tier', (array['gold','silver','bronze','none'])[1 + i % 4],
                'age', i % 80, 'vip', i % 10 = 0,
                'signup', (date '2020-01-01' + (i % 1500))::text),
              timestamptz '2020-01-01' + make_interval(secs => i)
            from generate_series(1, :count) i
            """)
        .param("project", project.value())
        .param("count", count)
        .update();
    jdbc.sql(
            """
            insert into custom_event_count (project_id, customer_id, name, count, last_at)
            select :project, 'cust_' || md5(:project || i::text), 'purchase', 1 + i % 7,
              timestamptz '2024-01-01'
            from generate_series(1, :count) i where i % 3 = 0
            """)
        .param("project", project.value())
        .param("count", count)
        .update();
    jdbc.sql("vacuum analyze customer").update();
    jdbc.sql("vacuum analyze custom_event_count").update();
  }

  /** Segment {@code i} of the update benchmark: customer fields, each with a different twist. */
  static String filter(int i) {
    String tier = TIERS[i % TIERS.length];
    int age = i % 70;
    return switch (i % 5) {
      case 0 -> "{\"metadata.tier\":{\"conditions\":{\"$is\":\"" + tier + "\"}}}";
      case 1 ->
          "{\"junction\":\"and\",\"metadata.age\":{\"conditions\":{\"$more_than\":["
              + age
              + "]}},\"address.country\":{\"conditions\":{\"$in\":[\"PL\",\"DE\"]}}}";
      case 2 ->
          "{\"junction\":\"or\",\"metadata.vip\":{\"conditions\":{\"$is\":true}},"
              + "\"events.purchase.count\":{\"conditions\":{\"$more_than_equal\":["
              + (i % 7)
              + "]}}}";
      case 3 ->
          "{\"junction\":\"and\",\"metadata.tier\":{\"conditions\":{\"$in\":[\""
              + tier
              + "\",\"gold\"]}},\"filters\":[{\"junction\":\"or\",\"birthdate\":"
              + "{\"conditions\":{\"$next_days\":[30]}},\"email\":{\"conditions\":"
              + "{\"$ends_with\":\"0@example.com\"}}}]}";
      default ->
          "{\"junction\":\"and\",\"metadata.age\":{\"conditions\":{\"$less_than\":["
              + (age + 10)
              + "]}},\"metadata.signup\":{\"conditions\":{\"$after\":[\"2021-0"
              + (1 + i % 9)
              + "-01\"]}}}";
    };
  }

  static List<String> sampleCustomers(JdbcClient jdbc, ProjectId project, int count) {
    return jdbc.sql(
            "select id from customer where project_id = :project and deleted_at is null"
                + " order by md5(id) limit :count")
        .param("project", project.value())
        .param("count", count)
        .query(String.class)
        .list();
  }

  static long segmentEvents(JdbcClient jdbc, ProjectId project) {
    return jdbc.sql(
            "select count(*) from event_log where project_id = :project"
                + " and type like 'customer.segment.%'")
        .param("project", project.value())
        .query(Long.class)
        .single();
  }
}
