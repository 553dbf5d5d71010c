package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Messages sent per project per day and per month (in the project's time zone), and token buckets
 * for rate limits. Both are a few rows updated once per claimed batch, never a count over messages.
 */
@Repository
class CounterRepository {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("'D:'yyyy-MM-dd");
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("'M:'yyyy-MM");

  private final JdbcClient jdbc;

  CounterRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static String day(Instant at, ZoneId zone) {
    return DAY.format(ZonedDateTime.ofInstant(at, zone));
  }

  static String month(Instant at, ZoneId zone) {
    return MONTH.format(ZonedDateTime.ofInstant(at, zone));
  }

  /**
   * Takes up to {@code wanted} sends from the project's day and month allowances (null limit =
   * unlimited, but still counted) and returns how many were granted. Runs in the caller's
   * transaction; the two counter rows stay locked until it commits, so nodes never overshoot.
   */
  long reserve(
      ProjectId project, Instant at, ZoneId zone, long wanted, Long perDay, Long perMonth) {
    String day = day(at, zone);
    String month = month(at, zone);
    long usedDay = lock(project, day);
    long usedMonth = lock(project, month);
    long granted = wanted;
    if (perDay != null) {
      granted = Math.min(granted, Math.max(0, perDay - usedDay));
    }
    if (perMonth != null) {
      granted = Math.min(granted, Math.max(0, perMonth - usedMonth));
    }
    if (granted > 0) {
      jdbc.sql(
              "update message_counter set count = count + :n where project_id = :project"
                  + " and period in (:day, :month)")
          .param("n", granted)
          .param("project", project.value())
          .param("day", day)
          .param("month", month)
          .update();
    }
    return granted;
  }

  private long lock(ProjectId project, String period) {
    return jdbc.sql(
            """
            insert into message_counter (project_id, period, count) values (:project, :period, 0)
            on conflict (project_id, period) do update set count = message_counter.count
            returning count
            """)
        .param("project", project.value())
        .param("period", period)
        .query(Long.class)
        .single();
  }

  long used(ProjectId project, String period) {
    return jdbc.sql(
            "select coalesce(max(count), 0) from message_counter where project_id = :project"
                + " and period = :period")
        .param("project", project.value())
        .param("period", period)
        .query(Long.class)
        .single();
  }

  /**
   * Takes up to {@code wanted} tokens from a bucket refilled at {@code rate} per second (holding at
   * most one second's worth); returns how many were granted. In the caller's transaction.
   */
  long takeTokens(String key, double rate, long wanted, Instant now) {
    double burst = Math.max(1.0, rate);
    double tokens =
        jdbc.sql(
                """
                insert into rate_bucket (key, tokens, refilled_at) values (:key, :burst, :now)
                on conflict (key) do update set
                  tokens = least(:burst, rate_bucket.tokens
                    + greatest(0, extract(epoch from (:now - rate_bucket.refilled_at))) * :rate),
                  refilled_at = greatest(rate_bucket.refilled_at, :now)
                returning tokens
                """)
            .param("key", key)
            .param("burst", burst)
            .param("now", Sql.ts(now))
            .param("rate", rate)
            .query(Double.class)
            .single();
    long granted = Math.min(wanted, (long) Math.floor(tokens + 1e-9));
    if (granted > 0) {
      jdbc.sql("update rate_bucket set tokens = tokens - :n where key = :key")
          .param("n", (double) granted)
          .param("key", key)
          .update();
    }
    return granted;
  }
}
