package dev.herald.messaging;

import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes delivery outcomes many at a time: the new states of claimed messages and their attempt
 * log, each in one statement over arrays ({@code unnest}), so recording a hundred outcomes costs
 * two statements.
 */
@Repository
class OutcomeRepository {

  private final JdbcClient jdbc;
  private final TransactionTemplate alone;

  OutcomeRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.alone = new TransactionTemplate(transactions);
    this.alone.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Puts claimed messages back to waiting ({@link Outcome#release}) in a transaction of its own:
   * for a caller whose transaction has already committed.
   */
  void releaseNow(String node, Instant now, List<Message> claimed) {
    alone.executeWithoutResult(
        status -> finish(node, now, claimed.stream().map(Outcome::release).toList()));
  }

  /**
   * Records many outcomes of this node's claims in one statement; returns the ids that were still
   * the very claim's that made them. A claim is its node and its attempt number (each claim counts
   * one more), so a message whose lease ran out and that was claimed again, by another node or by
   * this one, is not touched by the first claim's late outcome.
   */
  Set<String> finish(String node, Instant now, List<Outcome> outcomes) {
    int n = outcomes.size();
    String[] ids = new String[n];
    String[] statuses = new String[n];
    String[] reasons = new String[n];
    String[] errors = new String[n];
    int[] failed = new int[n];
    String[] nexts = new String[n];
    int[] uncount = new int[n];
    boolean[] counted = new boolean[n];
    int[] claims = new int[n];
    for (int i = 0; i < n; i++) {
      Outcome o = outcomes.get(i);
      ids[i] = o.message().id();
      claims[i] = o.message().attempts();
      statuses[i] = o.status().name();
      reasons[i] = o.reason();
      errors[i] = truncate(o.error(), 2000);
      failed[i] = o.failed() ? 1 : 0;
      nexts[i] = o.next() == null ? null : o.next().toString();
      uncount[i] = o.uncount() ? 1 : 0;
      counted[i] = o.counted();
    }
    return new HashSet<>(
        jdbc.sql(
                """
                update message m set status = v.status, reason = v.reason, last_error = v.error,
                  failed_attempts = m.failed_attempts + v.failed, next_attempt_at = v.next,
                  attempts = m.attempts - v.uncount, locked_by = null, locked_until = null,
                  counted = m.counted or v.counted, updated_at = :now,
                  delivered_at = case when v.status = 'DELIVERED' then :now else m.delivered_at end
                from unnest(cast(:ids as text[]), cast(:statuses as text[]),
                    cast(:reasons as text[]), cast(:errors as text[]), cast(:failed as int[]),
                    cast(:nexts as timestamptz[]), cast(:uncount as int[]),
                    cast(:counted as boolean[]), cast(:claims as int[]))
                  as v(id, status, reason, error, failed, next, uncount, counted, claim)
                where m.id = v.id and m.locked_by = :node and m.status = 'SENDING'
                  and m.attempts = v.claim
                returning m.id
                """)
            .param("ids", ids)
            .param("statuses", statuses)
            .param("reasons", reasons)
            .param("errors", errors)
            .param("failed", failed)
            .param("nexts", nexts)
            .param("uncount", uncount)
            .param("counted", counted)
            .param("claims", claims)
            .param("node", node)
            .param("now", Sql.ts(now))
            .query(String.class)
            .list());
  }

  /** Logs attempts, many in one statement. */
  void insertAttempts(List<Message> messages, List<Attempt> attempts) {
    int n = attempts.size();
    if (n == 0) {
      return;
    }
    String[] ids = new String[n];
    String[] projects = new String[n];
    int[] numbers = new int[n];
    String[] started = new String[n];
    long[] durations = new long[n];
    String[] codes = new String[n];
    String[] outcomes = new String[n];
    String[] errors = new String[n];
    String[] responses = new String[n];
    for (int i = 0; i < n; i++) {
      Attempt a = attempts.get(i);
      ids[i] = messages.get(i).id();
      projects[i] = messages.get(i).projectId().value();
      numbers[i] = a.attempt();
      started[i] = a.startedAt().toString();
      durations[i] = a.durationMs();
      codes[i] = a.statusCode() == null ? null : a.statusCode().toString();
      outcomes[i] = a.outcome();
      errors[i] = truncate(a.error(), 2000);
      responses[i] = a.response();
    }
    jdbc.sql(
            """
            insert into message_attempt (message_id, project_id, attempt, started_at, duration_ms,
              status_code, outcome, error, response)
            select * from unnest(cast(:ids as text[]), cast(:projects as text[]),
              cast(:numbers as int[]), cast(:started as timestamptz[]),
              cast(:durations as bigint[]), cast(:codes as int[]), cast(:outcomes as text[]),
              cast(:errors as text[]), cast(:responses as text[]))
            """)
        .param("ids", ids)
        .param("projects", projects)
        .param("numbers", numbers)
        .param("started", started)
        .param("durations", durations)
        .param("codes", codes)
        .param("outcomes", outcomes)
        .param("errors", errors)
        .param("responses", responses)
        .update();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
