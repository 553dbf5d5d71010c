package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A distribution's recipients, a page at a time, without counting or grouping its messages: the
 * page's customers are found by a skip scan (one index probe per customer, recursive CTE) over
 * {@code message (owner_id, customer_id)} — or, for the statuses that need attention, over the
 * small partial index {@code message (owner_id, status, customer_id)} — and then only their
 * messages are read.
 */
@Repository
class AudienceRepository {

  /** Statuses with their own partial index (rare, and what a marketer looks for). */
  static final Set<MessageStatus> ATTENTION =
      Set.of(
          MessageStatus.FAILED,
          MessageStatus.SKIPPED,
          MessageStatus.HELD,
          MessageStatus.RETRY_SCHEDULED);

  private final JdbcClient jdbc;

  AudienceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Recipient> page(ProjectId project, String ownerId, AudienceQuery q) {
    List<String> customers = customers(project, ownerId, q);
    if (customers.isEmpty()) {
      return List.of();
    }
    return details(project, ownerId, customers);
  }

  /** The page's customer ids, in order. */
  private List<String> customers(ProjectId project, String ownerId, AudienceQuery q) {
    if (q.customerId() != null && (q.skip() > 0 || q.startingAfter() != null)) {
      return List.of(); // one customer fits on the first page
    }
    // the status is an enum constant written into the SQL, so the planner can match the partial
    // index against it (a bound parameter would hide it in a generic plan)
    String filter =
        (q.status() == null ? "" : " and %1$s.status = '" + q.status().name() + "'")
            + (q.channelType() == null ? "" : " and %1$s.channel_type = :type");
    String sql;
    if (q.customerId() != null) {
      sql =
          "select m.customer_id from message m where m.owner_id = :owner"
              + " and m.project_id = :project and m.customer_id = :customer"
              + filter.formatted("m")
              + " limit 1";
    } else {
      sql =
          """
          with recursive r(customer_id) as (
            (select m.customer_id from message m
             where m.owner_id = :owner and m.project_id = :project and m.customer_id > :after %1$s
             order by m.customer_id limit 1)
            union all
            select (select n.customer_id from message n
                    where n.owner_id = :owner and n.project_id = :project
                      and n.customer_id > r.customer_id %2$s
                    order by n.customer_id limit 1)
            from r where r.customer_id is not null)
          select customer_id from r where customer_id is not null offset :skip limit :limit
          """
              .formatted(filter.formatted("m"), filter.formatted("n"));
    }
    var spec =
        jdbc.sql(sql)
            .param("owner", ownerId)
            .param("project", project.value())
            .param("after", q.startingAfter() == null ? "" : q.startingAfter())
            .param("skip", q.skip())
            .param("limit", q.limit());
    if (q.customerId() != null) {
      spec = spec.param("customer", q.customerId());
    }
    if (q.channelType() != null) {
      spec = spec.param("type", q.channelType());
    }
    return spec.query(String.class).list();
  }

  /**
   * Each customer's latest message per channel (with its code), how many, and when the first was
   * queued.
   */
  private List<Recipient> details(ProjectId project, String ownerId, List<String> customers) {
    Map<String, List<Recipient.ChannelState>> byCustomer = new LinkedHashMap<>();
    customers.forEach(c -> byCustomer.put(c, new ArrayList<>()));
    jdbc.sql(
            """
            select distinct on (customer_id, channel_id) id, customer_id, channel_id, channel_type,
              status, attempts, failed_attempts, reason, last_error, created_at, delivered_at,
              voucher_code, count(*) over w as messages, min(created_at) over w as first_created_at
            from message
            where owner_id = :owner and project_id = :project
              and customer_id = any(cast(:customers as text[]))
            window w as (partition by customer_id, channel_id)
            order by customer_id, channel_id, created_at desc, id desc
            """)
        .param("owner", ownerId)
        .param("project", project.value())
        .param("customers", customers.toArray(String[]::new))
        .query(
            (rs, i) -> {
              byCustomer
                  .get(rs.getString("customer_id"))
                  .add(
                      new Recipient.ChannelState(
                          rs.getString("channel_id"),
                          rs.getString("channel_type"),
                          rs.getString("id"),
                          MessageStatus.valueOf(rs.getString("status")),
                          rs.getInt("attempts"),
                          rs.getInt("failed_attempts"),
                          rs.getString("reason"),
                          rs.getString("last_error"),
                          Sql.instant(rs, "created_at"),
                          Sql.instant(rs, "delivered_at"),
                          Sql.instant(rs, "first_created_at"),
                          rs.getLong("messages"),
                          rs.getString("voucher_code")));
              return null;
            })
        .list();
    List<Recipient> out = new ArrayList<>(customers.size());
    byCustomer.forEach((customer, channels) -> out.add(new Recipient(customer, channels)));
    return out;
  }
}
