package dev.herald.segments;

import dev.herald.customers.CustomerSql;
import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code segment_member}: who is in which segment. Writes that report transitions return exactly
 * the rows they inserted or deleted, which is what makes entered/left exactly-once.
 */
@Repository
class MemberRepository {

  /** A membership row this statement inserted ({@code entered}) or deleted. */
  record Change(boolean entered, String id) {}

  private static final String C = CompiledFilter.ALIAS;
  private static final String LIVE = CustomerSql.live(C, SqlContext.PROJECT);

  /**
   * One customer against many segments: {@code cand} is each segment's verdict, {@code evaluated}
   * the segments whose membership of this customer is settled here (synced, or synced past the
   * customer's id), and only the differences with {@code held} are written.
   */
  private static final String EVALUATE =
      """
      with cand (segment_id, hit) as (
        select v.segment_id, v.hit from %s
        cross join lateral (values
          %s) v (segment_id, hit)
        where %s and %s = :customer),
      evaluated as (
        select s.id from segment s
        where s.id in (:ids) and s.deleted_at is null
          and (s.initial_sync_status = 'DONE' or s.sync_cursor >= :customer)),
      held as (select segment_id from segment_member where customer_id = :customer),
      matched as (
        select segment_id from cand where hit and segment_id in (select id from evaluated)),
      entering as (
        select segment_id from matched where segment_id not in (select segment_id from held)),
      leaving as (
        select segment_id from held
        where segment_id in (select id from evaluated)
          and segment_id not in (select segment_id from matched)),
      entered as (
        insert into segment_member (segment_id, customer_id, project_id, entered_at)
        select segment_id, :customer, :project, :at from entering
        on conflict do nothing
        returning segment_id),
      gone as (
        delete from segment_member m
        where m.customer_id = :customer and m.segment_id in (select segment_id from leaving)
        returning m.segment_id)
      select true as entered, segment_id as id from entered
      union all select false, segment_id from gone
      """;

  /**
   * A batch of customers against one segment: {@code should} are the live customers of the id range
   * that match now; they are inserted if new, and every other member in the range (deleted
   * customers' too) is deleted.
   */
  private static final String RECONCILE =
      """
      with should as (select %s as id from %s where %s and (%s)),
      entered as (
        insert into segment_member (segment_id, customer_id, project_id, entered_at)
        select :segment, id, :project, :at from should
        where not exists (select 1 from segment_member m
          where m.segment_id = :segment and m.customer_id = should.id)
        on conflict do nothing
        returning customer_id),
      gone as (
        delete from segment_member m
        where m.segment_id = :segment and m.customer_id > :after %s
          and not exists (select 1 from should where should.id = m.customer_id)
        returning m.customer_id)
      select true as entered, customer_id as id from entered
      union all select false, customer_id from gone
      """;

  private final JdbcClient jdbc;

  MemberRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void lockCustomer(String customerId) {
    jdbc.sql(Locks.LOCK_CUSTOMER).param("customer", customerId).query(Boolean.class).single();
  }

  void lockSegment(String segmentId) {
    jdbc.sql(Locks.LOCK_SEGMENT).param("segment", segmentId).query(Boolean.class).single();
  }

  int insertAll(Segment s, List<String> customerIds, Instant at) {
    return jdbc.sql(
            """
            insert into segment_member (segment_id, customer_id, project_id, entered_at)
            select :segment, unnest(cast(:ids as text[])), :project, :at
            on conflict do nothing
            """)
        .param("segment", s.id())
        .param("ids", customerIds.toArray(String[]::new))
        .param("project", s.projectId().value())
        .param("at", Sql.ts(at))
        .update();
  }

  /**
   * The id ending the next batch of {@code size} live customers after {@code after}, empty when
   * fewer remain. Batches walk the project's customers in id order: membership rows and their
   * indexes are then written in key order, and other modules' customer-keyed tables (event counts,
   * orders, points) are probed in order too (decision 0300).
   */
  Optional<String> batchEnd(ProjectId project, String after, int size) {
    return jdbc.sql(
            """
            select %1$s from %2$s where %3$s and %1$s > :after order by %1$s
            offset :skip limit 1
            """
                .formatted(CustomerSql.id(C), CustomerSql.from(C), LIVE))
        .param(SqlContext.PROJECT, project.value())
        .param("after", after)
        .param("skip", size - 1)
        .query(String.class)
        .optional();
  }

  /**
   * Initial sync of one batch: inserts the matching customers, silently. A plain insert: the batch
   * lies beyond the cursor, which no other writer touches, and a failed batch rolls back whole.
   */
  int syncBatch(Segment s, CompiledFilter f, Moment m, String after, String upto, Instant at) {
    String sql =
        """
        insert into segment_member (segment_id, customer_id, project_id, entered_at)
        select :segment, %s, :project, :at from %s
        where %s and (%s)
        """
            .formatted(CustomerSql.id(C), CustomerSql.from(C), range(after, upto), f.sql());
    return bind(jdbc.sql(sql), f.params(m), s, after, upto, at).update();
  }

  /**
   * Re-evaluates one batch of customers against a segment (sweep): inserts those that now match and
   * deletes those that no longer do, including members whose customer is gone. Returns the
   * customers that entered and left.
   */
  List<Change> reconcileBatch(
      Segment s, CompiledFilter f, Moment m, String after, String upto, Instant at) {
    String sql =
        RECONCILE.formatted(
            CustomerSql.id(C),
            CustomerSql.from(C),
            range(after, upto),
            f.sql(),
            upto == null ? "" : "and m.customer_id <= :upto");
    return bind(jdbc.sql(sql), f.params(m), s, after, upto, at)
        .query((rs, i) -> new Change(rs.getBoolean("entered"), rs.getString("id")))
        .list();
  }

  /** The project's live customers with an id after {@code :after} and up to {@code :upto}. */
  private static String range(String after, String upto) {
    String id = CustomerSql.id(C);
    return LIVE + " and " + id + " > :after" + (upto == null ? "" : " and " + id + " <= :upto");
  }

  private static JdbcClient.StatementSpec bind(
      JdbcClient.StatementSpec spec,
      Map<String, Object> params,
      Segment s,
      String after,
      String upto,
      Instant at) {
    spec =
        spec.param("segment", s.id())
            .param(SqlContext.PROJECT, s.projectId().value())
            .param("after", after)
            .param("at", Sql.ts(at));
    if (upto != null) {
      spec = spec.param("upto", upto);
    }
    return spec.params(params);
  }

  /**
   * One customer against many filter segments in one statement: the membership of each segment
   * {@code evaluated} (synced, or synced past this customer) is set to what its filter says now;
   * only real changes are written. Returns the segments entered and left.
   */
  List<Change> evaluateCustomer(
      ProjectId project,
      String customerId,
      List<String> segmentIds,
      List<CompiledFilter> filters,
      Map<String, Object> params,
      Instant at) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < filters.size(); i++) {
      values.append(i == 0 ? "" : ",\n    ");
      values.append("(cast(:seg").append(i).append(" as text), ").append(filters.get(i).sql());
      values.append(")");
    }
    String sql = EVALUATE.formatted(CustomerSql.from(C), values, LIVE, CustomerSql.id(C));
    var spec =
        jdbc.sql(sql)
            .param(SqlContext.PROJECT, project.value())
            .param("customer", customerId)
            .param("ids", segmentIds)
            .param("at", Sql.ts(at))
            .params(params);
    for (int i = 0; i < segmentIds.size(); i++) {
      spec = spec.param("seg" + i, segmentIds.get(i));
    }
    return spec.query((rs, i) -> new Change(rs.getBoolean("entered"), rs.getString("id"))).list();
  }

  /** A deleted customer leaves the static segments too (silently: they emit nothing). */
  int removeFromStatic(ProjectId project, String customerId) {
    return jdbc.sql(
            """
            delete from segment_member m using segment s
            where m.customer_id = :customer and s.id = m.segment_id
              and s.project_id = :project and s.type = 'static'
            """)
        .param("customer", customerId)
        .param("project", project.value())
        .update();
  }

  List<Segment> segmentsOf(ProjectId project, String customerId) {
    return jdbc.sql(
            """
            select s.id, s.project_id, s.name, s.type, s.filter::text as filter, s.time_dependent,
              s.initial_sync_status, s.activated_at, s.created_at, s.updated_at
            from segment_member m join segment s on s.id = m.segment_id
            where m.customer_id = :customer and s.project_id = :project and s.deleted_at is null
            order by s.created_at, s.id
            """)
        .param("customer", customerId)
        .param("project", project.value())
        .query(SegmentRepository::map)
        .list();
  }

  boolean isMember(String segmentId, String customerId) {
    return jdbc.sql(
            "select exists (select 1 from segment_member where segment_id = :segment"
                + " and customer_id = :customer)")
        .param("segment", segmentId)
        .param("customer", customerId)
        .query(Boolean.class)
        .single();
  }

  List<String> customerIdsAfter(String segmentId, String after, int limit) {
    return jdbc.sql(
            "select customer_id from segment_member where segment_id = :segment"
                + " and customer_id > :after order by customer_id limit :limit")
        .param("segment", segmentId)
        .param("after", after == null ? "" : after)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /** {@link #customerIdsAfter} up to (and including) {@code upTo}; null: to the last member. */
  List<String> customerIdsBetween(String segmentId, String after, String upTo, int limit) {
    if (upTo == null) {
      return customerIdsAfter(segmentId, after, limit);
    }
    return jdbc.sql(
            "select customer_id from segment_member where segment_id = :segment"
                + " and customer_id > :after and customer_id <= :upTo"
                + " order by customer_id limit :limit")
        .param("segment", segmentId)
        .param("after", after == null ? "" : after)
        .param("upTo", upTo)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /**
   * The members that end each of {@code parts} ranges of about {@code total / parts} members, in
   * keyset order, but the last (at most {@code parts - 1} ids).
   */
  List<String> splitPoints(String segmentId, long total, int parts) {
    long step = Math.max(1, (total + parts - 1) / parts);
    return jdbc.sql(
            """
            select customer_id from (
              select customer_id, row_number() over (order by customer_id) as n
              from segment_member where segment_id = :segment) m
            where n % :step = 0
            order by customer_id limit :limit
            """)
        .param("segment", segmentId)
        .param("step", step)
        .param("limit", parts - 1)
        .query(String.class)
        .list();
  }

  long count(String segmentId) {
    return jdbc.sql("select count(*) from segment_member where segment_id = :segment")
        .param("segment", segmentId)
        .query(Long.class)
        .single();
  }

  /** Deletes up to {@code limit} rows of a deleted segment; returns how many. */
  int purge(String segmentId, int limit) {
    return jdbc.sql(
            """
            delete from segment_member where segment_id = :segment and customer_id in (
              select customer_id from segment_member where segment_id = :segment
              order by customer_id limit :limit)
            """)
        .param("segment", segmentId)
        .param("limit", limit)
        .update();
  }
}
