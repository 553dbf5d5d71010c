package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.shared.db.Sql;
import dev.herald.support.HeraldTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A claim reads only the queue entries and messages it takes, however long the queue: at a million
 * recipients most of them wait in the queue while the first are sent. A claim written as joins of
 * its CTEs was planned as hash joins over the whole queue and the whole message table (the planner
 * guesses a tenth of the table for a lateral {@code limit}), and each claim took half a second.
 */
class ClaimPlanTest extends HeraldTest {

  /** A channel type no lane serves: the node's own dispatcher never claims these. */
  private static final String TYPE = "plan_probe";

  private static final int WAITING = 100_000;

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @Test
  void aClaimFindsItsRowsByKeyWithALongQueue() {
    try {
      jdbc.sql(
              """
              with m as (
                insert into message (id, project_id, owner_id, channel_id, channel_type,
                  customer_id, trigger_id, status, next_attempt_at, context, created_at, updated_at)
                select 'msg_plan' || g, 'proj_plan', 'distr_plan', 'ch_plan', :type,
                  'cust_plan' || g, 'manual', 'QUEUED', now(), '{}', now(), now()
                from generate_series(1, :n) g
                returning id, channel_type, next_attempt_at)
              insert into message_queue (message_id, channel_type, at)
              select id, channel_type, next_attempt_at from m
              """)
          .param("type", TYPE)
          .param("n", WAITING)
          .update();
      jdbc.sql("analyze message").update();
      jdbc.sql("analyze message_queue").update();

      List<String> plan =
          tx.execute(
              status -> {
                Sql.planForCurrentTables(jdbc); // as the claim runs
                return jdbc.sql("explain " + MessageRepository.CLAIM)
                    .param("node", "plan-node")
                    .param("lease", Sql.ts(Instant.now().plusSeconds(300)))
                    .param("now", Sql.ts(Instant.now().plusSeconds(1)))
                    .param("types", new String[] {TYPE})
                    .param("limits", new int[] {45})
                    .query(String.class)
                    .list();
              });
      assertThat(plan)
          .as("the claim's plan")
          .noneMatch(line -> line.contains("Seq Scan"))
          .noneMatch(line -> line.contains("Hash Join") || line.contains("Hash Anti Join"));
    } finally {
      jdbc.sql(
              "delete from message_queue where message_id in"
                  + " (select id from message where owner_id = 'distr_plan')")
          .update();
      jdbc.sql("delete from message where owner_id = 'distr_plan'").update();
    }
  }
}
