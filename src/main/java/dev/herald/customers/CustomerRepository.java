package dev.herald.customers;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Repository
class CustomerRepository {

  private final JdbcClient jdbc;

  CustomerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts unless a live customer has the same source_id. Creation times are made unique per
   * project (at least 1 ms after the newest) so the SDK's date-cursor scroll never skips a tie.
   */
  Optional<Customer> insert(Customer c) {
    return jdbc.sql(
            """
            insert into customer (id, project_id, source_id, name, description, email, phone,
              birthdate, address, metadata, created_at)
            values (:id, :project, :sourceId, :name, :description, :email, :phone, :birthdate,
              cast(:address as jsonb), cast(:metadata as jsonb),
              greatest(:now, (select max(created_at) + interval '1 millisecond' from customer
                              where project_id = :project and deleted_at is null)))
            on conflict (project_id, source_id) where deleted_at is null and source_id is not null
            do nothing
            returning *
            """)
        .param("id", c.id())
        .param("project", c.projectId().value())
        .param("sourceId", c.sourceId())
        .param("name", c.name())
        .param("description", c.description())
        .param("email", c.email())
        .param("phone", c.phone())
        .param("birthdate", c.birthdate() == null ? null : Date.valueOf(c.birthdate()))
        .param("address", Json.write(c.address()))
        .param("metadata", Json.write(c.metadata()))
        .param("now", Sql.ts(c.createdAt()))
        .query(CustomerRepository::map)
        .optional();
  }

  void update(Customer c) {
    jdbc.sql(
            """
            update customer set source_id = :sourceId, name = :name, description = :description,
              email = :email, phone = :phone, birthdate = :birthdate,
              address = cast(:address as jsonb), metadata = cast(:metadata as jsonb),
              unsubscribed = :unsubscribed, consents = cast(:consents as jsonb), updated_at = :at
            where id = :id and project_id = :project
            """)
        .param("id", c.id())
        .param("project", c.projectId().value())
        .param("sourceId", c.sourceId())
        .param("name", c.name())
        .param("description", c.description())
        .param("email", c.email())
        .param("phone", c.phone())
        .param("birthdate", c.birthdate() == null ? null : Date.valueOf(c.birthdate()))
        .param("address", Json.write(c.address()))
        .param("metadata", Json.write(c.metadata()))
        .param("unsubscribed", c.unsubscribed())
        .param("consents", Json.write(c.consents()))
        .param("at", Sql.ts(c.updatedAt()))
        .update();
  }

  /**
   * Sets top-level keys of one read-model column (summary, loyalty, referrals): keys not given are
   * kept, so two modules can each own one key of {@code summary} (orders, redemptions).
   */
  void setReadModel(ProjectId project, String id, String column, JsonNode value) {
    if (!List.of("summary", "loyalty", "referrals").contains(column)) {
      throw new IllegalArgumentException(column);
    }
    jdbc.sql(
            "update customer set "
                + column
                + " = coalesce("
                + column
                + ", '{}'::jsonb) || cast(:value as jsonb) where id = :id and project_id = :project")
        .param("value", Json.write(value))
        .param("id", id)
        .param("project", project.value())
        .update();
  }

  void softDelete(ProjectId project, String id, Instant at) {
    jdbc.sql(
            "update customer set deleted_at = :at where id = :id and project_id = :project"
                + " and deleted_at is null")
        .param("at", Sql.ts(at))
        .param("id", id)
        .param("project", project.value())
        .update();
  }

  Optional<Customer> byId(ProjectId project, String id, boolean lock) {
    return jdbc.sql(
            "select * from customer where project_id = :project and id = :id and deleted_at is null"
                + (lock ? " for update" : ""))
        .param("project", project.value())
        .param("id", id)
        .query(CustomerRepository::map)
        .optional();
  }

  Optional<Customer> bySourceId(ProjectId project, String sourceId, boolean lock) {
    return jdbc.sql(
            "select * from customer where project_id = :project and source_id = :sourceId"
                + " and deleted_at is null"
                + (lock ? " for update" : ""))
        .param("project", project.value())
        .param("sourceId", sourceId)
        .query(CustomerRepository::map)
        .optional();
  }

  List<Customer> byIds(ProjectId project, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            // one array parameter, not one parameter per id: a send's batch reads 500 at a time
            "select * from customer where project_id = :project and id = any(:ids)"
                + " and deleted_at is null")
        .param("project", project.value())
        .param("ids", Sql.textArray(ids))
        .query(CustomerRepository::map)
        .list();
  }

  /** Live customers whose id or source_id is one of {@code refs}: rows of (id, source_id). */
  List<String[]> idsFor(ProjectId project, List<String> refs) {
    if (refs.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select id, source_id from customer
            where project_id = :project and deleted_at is null and id = any(cast(:refs as text[]))
            union
            select id, source_id from customer
            where project_id = :project and deleted_at is null
              and source_id = any(cast(:refs as text[]))
            """)
        .param("project", project.value())
        .param("refs", refs.toArray(String[]::new))
        .query((rs, i) -> new String[] {rs.getString("id"), rs.getString("source_id")})
        .list();
  }

  List<Customer> list(ProjectId project, CustomerQuery f, int limit, int offset) {
    StringBuilder sql = new StringBuilder("select * from customer where ");
    List<Object[]> params = new ArrayList<>();
    sql.append(where(project, f, params, true));
    String direction = f.ascending() ? "asc" : "desc";
    sql.append(" order by ")
        .append(f.orderBy())
        .append(" ")
        .append(direction)
        .append(" nulls last, id ")
        .append(direction)
        .append(" limit :limit offset :offset");
    var spec = jdbc.sql(sql.toString()).param("limit", limit).param("offset", offset);
    for (Object[] p : params) {
      spec = spec.param((String) p[0], p[1]);
    }
    return spec.query(CustomerRepository::map).list();
  }

  long count(ProjectId project, CustomerQuery f) {
    List<Object[]> params = new ArrayList<>();
    var spec = jdbc.sql("select count(*) from customer where " + where(project, f, params, false));
    for (Object[] p : params) {
      spec = spec.param((String) p[0], p[1]);
    }
    return spec.query(Long.class).single();
  }

  /** How many match, and how many of them cannot be messaged and why. */
  Customers.Reach reach(ProjectId project, CustomerQuery f) {
    List<Object[]> params = new ArrayList<>();
    var spec =
        jdbc.sql(
            "select count(*) as total, count(*) filter (where unsubscribed) as unsubscribed,"
                + " count(*) filter (where coalesce(email, '') = '') as no_email,"
                + " count(*) filter (where coalesce(phone, '') = '') as no_phone"
                + " from customer where "
                + where(project, f, params, false));
    for (Object[] p : params) {
      spec = spec.param((String) p[0], p[1]);
    }
    return spec.query(
            (rs, i) ->
                new Customers.Reach(
                    rs.getLong("total"),
                    rs.getLong("unsubscribed"),
                    rs.getLong("no_email"),
                    rs.getLong("no_phone")))
        .single();
  }

  private static String where(
      ProjectId project, CustomerQuery f, List<Object[]> params, boolean withCursor) {
    StringBuilder w = new StringBuilder("project_id = :project and deleted_at is null");
    params.add(new Object[] {"project", project.value()});
    if (f.email() != null) {
      w.append(" and lower(email) = lower(:email)");
      params.add(new Object[] {"email", f.email()});
    }
    if (f.name() != null) {
      w.append(" and name ilike :name");
      params.add(
          new Object[] {"name", "%" + f.name().replace("%", "\\%").replace("_", "\\_") + "%"});
    }
    if (f.city() != null) {
      w.append(" and lower(address->>'city') = lower(:city)");
      params.add(new Object[] {"city", f.city()});
    }
    for (CustomerListFilter.Condition condition : f.conditions()) {
      w.append(" and (").append(condition.sql()).append(")");
      condition.params().forEach((name, value) -> params.add(new Object[] {name, value}));
    }
    range(w, params, "created_at", f.createdBefore(), f.createdAfter());
    range(w, params, "updated_at", f.updatedBefore(), f.updatedAfter());
    if (withCursor && f.startingAfter() != null) {
      w.append(f.ascending() ? " and created_at > :cursor" : " and created_at < :cursor");
      params.add(new Object[] {"cursor", Sql.ts(f.startingAfter())});
    }
    return w.toString();
  }

  private static void range(
      StringBuilder w, List<Object[]> params, String column, Instant before, Instant after) {
    if (before != null) {
      w.append(" and ").append(column).append(" < :").append(column).append("_before");
      params.add(new Object[] {column + "_before", Sql.ts(before)});
    }
    if (after != null) {
      w.append(" and ").append(column).append(" > :").append(column).append("_after");
      params.add(new Object[] {column + "_after", Sql.ts(after)});
    }
  }

  private static Customer map(ResultSet rs, int row) throws SQLException {
    Date birthdate = rs.getDate("birthdate");
    JsonNode address = Json.parse(rs.getString("address"));
    return new Customer(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("source_id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("email"),
        rs.getString("phone"),
        birthdate == null ? null : birthdate.toLocalDate(),
        address.isObject() ? (ObjectNode) address : null,
        (ObjectNode) Json.parse(rs.getString("metadata")),
        rs.getBoolean("unsubscribed"),
        (ObjectNode) Json.parse(rs.getString("consents")),
        Json.parse(rs.getString("summary")),
        Json.parse(rs.getString("loyalty")),
        Json.parse(rs.getString("referrals")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
