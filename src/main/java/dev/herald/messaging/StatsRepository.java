package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** Aggregates over {@code message} for {@link MessageStats}. */
@Repository
class StatsRepository {

  private final JdbcClient jdbc;

  StatsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Outcome time = delivered_at for delivered messages, updated_at for failed ones; a message is
   * never created after its outcome, so {@code created_at < :to} bounds the index range.
   */
  List<MessageStats.Point> outcomes(
      ProjectId project,
      String ownerId,
      Instant from,
      Instant to,
      MessageStats.Bucket bucket,
      ZoneId zone) {
    return jdbc.sql(
            """
            select channel_type,
                   date_trunc(:unit, coalesce(delivered_at, updated_at) at time zone :zone)
                     at time zone :zone as bucket,
                   count(*) filter (where status = 'DELIVERED') as sent,
                   count(*) filter (where status = 'FAILED') as failed,
                   count(*) filter (where status = 'DELIVERED' and failed_attempts > 0) as recovered
            from message
            where project_id = :project and owner_id = :owner and created_at < :to
              and status in ('DELIVERED', 'FAILED')
              and coalesce(delivered_at, updated_at) >= :from
              and coalesce(delivered_at, updated_at) < :to
            group by 1, 2
            order by 2, 1
            """)
        .param("unit", bucket == MessageStats.Bucket.HOUR ? "hour" : "day")
        .param("zone", zone.getId())
        .param("project", project.value())
        .param("owner", ownerId)
        .param("from", Sql.ts(from))
        .param("to", Sql.ts(to))
        .query(
            (rs, i) ->
                new MessageStats.Point(
                    rs.getString("channel_type"),
                    Sql.instant(rs, "bucket"),
                    rs.getLong("sent"),
                    rs.getLong("failed"),
                    rs.getLong("recovered")))
        .list();
  }

  List<MessageStats.Totals> totals(ProjectId project, List<String> ownerIds) {
    return jdbc.sql(
            """
            select owner_id,
                   count(*) filter (where status = 'DELIVERED') as delivered,
                   count(*) filter (where status = 'FAILED') as failed,
                   count(*) filter (where status = 'DELIVERED' and failed_attempts > 0) as recovered,
                   count(distinct voucher_code) as codes
            from message
            where project_id = :project and owner_id = any(:owners)
            group by owner_id
            """)
        .param("project", project.value())
        .param("owners", new SqlArrayValue("text", ownerIds.toArray()))
        .query(
            (rs, i) ->
                new MessageStats.Totals(
                    rs.getString("owner_id"),
                    rs.getLong("delivered"),
                    rs.getLong("failed"),
                    rs.getLong("recovered"),
                    rs.getLong("codes")))
        .list();
  }

  List<String> codes(ProjectId project, String ownerId, int limit) {
    return jdbc.sql(
            """
            select distinct voucher_code from message
            where project_id = :project and owner_id = :owner and voucher_code is not null
            limit :limit
            """)
        .param("project", project.value())
        .param("owner", ownerId)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  long countUpTo(ProjectId project, String ownerId, int limit) {
    return jdbc.sql(
            """
            select count(*) from (select 1 from message
              where project_id = :project and owner_id = :owner limit :limit) m
            """)
        .param("project", project.value())
        .param("owner", ownerId)
        .param("limit", limit)
        .query(Long.class)
        .single();
  }
}
