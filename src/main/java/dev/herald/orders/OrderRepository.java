package dev.herald.orders;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Repository
class OrderRepository {

  /** The numbers behind a customer's {@code summary.orders}. */
  record Totals(long count, long totalAmount, Long lastAmount, java.time.Instant lastDate) {}

  private final JdbcClient jdbc;

  OrderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts unless the source_id is taken; empty when another request inserted it first. */
  Optional<Order> insert(Order o) {
    return jdbc.sql(
            """
            insert into orders (id, project_id, source_id, status, amount, initial_amount,
              discount_amount, items, metadata, customer_id, referrer_id, redemptions, created_at)
            values (:id, :p, :source, :status, :amount, :initial, :discount, cast(:items as jsonb),
              cast(:metadata as jsonb), :customer, :referrer, cast(:redemptions as jsonb), :at)
            on conflict (project_id, source_id) where source_id is not null do nothing
            returning *
            """)
        .param("id", o.id())
        .param("p", o.projectId().value())
        .param("source", o.sourceId())
        .param("status", o.status())
        .param("amount", o.amount())
        .param("initial", o.initialAmount())
        .param("discount", o.discountAmount())
        .param("items", Json.write(o.items()))
        .param("metadata", Json.write(o.metadata()))
        .param("customer", o.customerId())
        .param("referrer", o.referrerId())
        .param("redemptions", Json.write(o.redemptions()))
        .param("at", Sql.ts(o.createdAt()))
        .query(OrderRepository::map)
        .optional();
  }

  void update(Order o) {
    jdbc.sql(
            """
            update orders set source_id = :source, status = :status, amount = :amount,
              initial_amount = :initial, discount_amount = :discount, items = cast(:items as jsonb),
              metadata = cast(:metadata as jsonb), customer_id = :customer, referrer_id = :referrer,
              redemptions = cast(:redemptions as jsonb), updated_at = :at
            where id = :id and project_id = :p
            """)
        .param("id", o.id())
        .param("p", o.projectId().value())
        .param("source", o.sourceId())
        .param("status", o.status())
        .param("amount", o.amount())
        .param("initial", o.initialAmount())
        .param("discount", o.discountAmount())
        .param("items", Json.write(o.items()))
        .param("metadata", Json.write(o.metadata()))
        .param("customer", o.customerId())
        .param("referrer", o.referrerId())
        .param("redemptions", Json.write(o.redemptions()))
        .param("at", Sql.ts(o.updatedAt()))
        .update();
  }

  Optional<Order> byId(ProjectId project, String id, boolean lock) {
    return jdbc.sql(
            "select * from orders where project_id = :p and id = :id" + (lock ? " for update" : ""))
        .param("p", project.value())
        .param("id", id)
        .query(OrderRepository::map)
        .optional();
  }

  Optional<Order> bySourceId(ProjectId project, String sourceId, boolean lock) {
    return jdbc.sql(
            "select * from orders where project_id = :p and source_id = :s"
                + (lock ? " for update" : ""))
        .param("p", project.value())
        .param("s", sourceId)
        .query(OrderRepository::map)
        .optional();
  }

  List<Order> list(ProjectId project, String customerId, boolean ascending, int limit, int offset) {
    String direction = ascending ? "asc" : "desc";
    return jdbc.sql(
            "select * from orders where project_id = :p"
                + " and (cast(:customer as text) is null or customer_id = :customer)"
                + " order by created_at "
                + direction
                + ", id "
                + direction
                + " limit :limit offset :offset")
        .param("p", project.value())
        .param("customer", customerId)
        .param("limit", limit)
        .param("offset", offset)
        .query(OrderRepository::map)
        .list();
  }

  long count(ProjectId project, String customerId) {
    return jdbc.sql(
            "select count(*) from orders where project_id = :p"
                + " and (cast(:customer as text) is null or customer_id = :customer)")
        .param("p", project.value())
        .param("customer", customerId)
        .query(Long.class)
        .single();
  }

  /** Serializes summary updates of one customer (two orders paid at once both count). */
  void lockCustomer(ProjectId project, String customerId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
        .param("k", "orders-summary:" + project.value() + ":" + customerId)
        .query()
        .singleRow();
  }

  Totals totals(ProjectId project, String customerId) {
    return jdbc.sql(
            """
            select count(*) as n, coalesce(sum(amount), 0) as total,
              (select amount from orders where project_id = :p and customer_id = :c
                 and status <> 'CANCELED' order by created_at desc, id desc limit 1) as last_amount,
              max(created_at) as last_date
            from orders where project_id = :p and customer_id = :c and status <> 'CANCELED'
            """)
        .param("p", project.value())
        .param("c", customerId)
        .query(
            (rs, i) ->
                new Totals(
                    rs.getLong("n"),
                    rs.getLong("total"),
                    rs.getObject("last_amount") == null ? null : rs.getLong("last_amount"),
                    Sql.instant(rs, "last_date")))
        .single();
  }

  private static Order map(ResultSet rs, int i) throws SQLException {
    return new Order(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("source_id"),
        rs.getString("status"),
        (Long) rs.getObject("amount", Long.class),
        (Long) rs.getObject("initial_amount", Long.class),
        (Long) rs.getObject("discount_amount", Long.class),
        (ArrayNode) Json.parse(rs.getString("items")),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        rs.getString("customer_id"),
        rs.getString("referrer_id"),
        (ObjectNode) Json.parse(rs.getString("redemptions")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
