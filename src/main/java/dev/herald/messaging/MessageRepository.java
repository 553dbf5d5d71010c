package dev.herald.messaging;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

@Repository
class MessageRepository {

  private final JdbcClient jdbc;

  MessageRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues a message unless this (channel, trigger, customer) already has one. */
  boolean insert(String id, NewMessage m, MessageStatus status, String reason, Instant now) {
    return jdbc.sql(
                """
                insert into message (id, project_id, owner_id, channel_id, channel_type, customer_id,
                  trigger_id, status, reason, next_attempt_at, context, voucher_code, created_at,
                  updated_at, template_id, template_version)
                values (:id, :project, :owner, :channel, :type, :customer, :trigger, :status, :reason,
                  :now, cast(:context as jsonb), :voucher, :now, :now, :template, :version)
                on conflict (channel_id, trigger_id, customer_id) do nothing
                """)
            .param("id", id)
            .param("project", m.projectId().value())
            .param("owner", m.ownerId())
            .param("channel", m.channel().id())
            .param("type", m.channel().type())
            .param("customer", m.customerId())
            .param("trigger", m.triggerId())
            .param("status", status.name())
            .param("reason", reason)
            .param("now", Sql.ts(now))
            .param("context", Json.write(m.context()))
            .param("voucher", m.voucherCode())
            .param("template", m.channel().config().path("template_id").asString(null))
            .param(
                "version",
                m.channel().config().has("template_version")
                    ? m.channel().config().get("template_version").asInt()
                    : null)
            .update()
        == 1;
  }

  /**
   * Claims due messages for this node: queued or retry-due ones, and sends whose node died (their
   * lease ran out). Each claim counts as an attempt.
   */
  List<Message> claim(String node, Instant now, Instant leaseUntil, int limit) {
    return jdbc.sql(
            """
            with due as (
              select id from message
              where status in ('QUEUED', 'RETRY_SCHEDULED') and next_attempt_at <= :now
              order by next_attempt_at limit :limit for update skip locked),
            orphaned as (
              select id from message
              where status = 'SENDING' and locked_until < :now
              limit :limit for update skip locked)
            update message set status = 'SENDING', locked_by = :node, locked_until = :lease,
              attempts = attempts + 1, updated_at = :now
            where id in (select id from due union all select id from orphaned)
            returning *
            """)
        .param("node", node)
        .param("lease", Sql.ts(leaseUntil))
        .param("now", Sql.ts(now))
        .param("limit", limit)
        .query(MessageRepository::map)
        .list();
  }

  /** Records the outcome of this node's attempt; false when the message is no longer ours. */
  boolean finish(
      String id,
      String node,
      MessageStatus status,
      String reason,
      String lastError,
      boolean failed,
      Instant nextAttemptAt,
      Instant now) {
    return jdbc.sql(
                """
                update message set status = :status, reason = :reason, last_error = :error,
                  failed_attempts = failed_attempts + :failed, next_attempt_at = :next,
                  locked_by = null, locked_until = null, updated_at = :now,
                  delivered_at = case when :status = 'DELIVERED' then :now else delivered_at end
                where id = :id and locked_by = :node and status = 'SENDING'
                """)
            .param("status", status.name())
            .param("reason", reason)
            .param("error", lastError)
            .param("failed", failed ? 1 : 0)
            .param("next", Sql.ts(nextAttemptAt))
            .param("now", Sql.ts(now))
            .param("id", id)
            .param("node", node)
            .update()
        == 1;
  }

  void insertAttempt(
      String messageId,
      String project,
      int attempt,
      Instant startedAt,
      long durationMs,
      Integer statusCode,
      String outcome,
      String error,
      String response) {
    jdbc.sql(
            """
            insert into message_attempt (message_id, project_id, attempt, started_at, duration_ms,
              status_code, outcome, error, response)
            values (:message, :project, :attempt, :started, :duration, :code, :outcome, :error,
              :response)
            """)
        .param("message", messageId)
        .param("project", project)
        .param("attempt", attempt)
        .param("started", Sql.ts(startedAt))
        .param("duration", durationMs)
        .param("code", statusCode)
        .param("outcome", outcome)
        .param("error", error)
        .param("response", response)
        .update();
  }

  /** Releases a paused owner's held messages, oldest first, by making them due now. */
  int release(ProjectId project, String ownerId, Instant now) {
    return jdbc.sql(
            """
            update message set status = 'QUEUED', next_attempt_at = :now, updated_at = :now
            where project_id = :project and owner_id = :owner and status = 'HELD'
            """)
        .param("now", Sql.ts(now))
        .param("project", project.value())
        .param("owner", ownerId)
        .update();
  }

  List<Message> list(ProjectId project, String ownerId, MessageQuery q, int limit, int offset) {
    String sql =
        "select * from message where project_id = :project and owner_id = :owner"
            + (q.status() == null ? "" : " and status = :status")
            + (q.channelType() == null ? "" : " and channel_type = :type")
            + (q.customerId() == null ? "" : " and customer_id = :customer")
            + " order by created_at desc, id desc limit :limit offset :offset";
    var spec =
        jdbc.sql(sql)
            .param("project", project.value())
            .param("owner", ownerId)
            .param("limit", limit)
            .param("offset", offset);
    if (q.status() != null) {
      spec = spec.param("status", q.status().name());
    }
    if (q.channelType() != null) {
      spec = spec.param("type", q.channelType());
    }
    if (q.customerId() != null) {
      spec = spec.param("customer", q.customerId());
    }
    return spec.query(MessageRepository::map).list();
  }

  java.util.Optional<Message> find(ProjectId project, String id) {
    return jdbc.sql("select * from message where project_id = :project and id = :id")
        .param("project", project.value())
        .param("id", id)
        .query(MessageRepository::map)
        .optional();
  }

  List<Attempt> attempts(String messageId) {
    return jdbc.sql("select * from message_attempt where message_id = :id order by attempt, id")
        .param("id", messageId)
        .query(
            (rs, i) ->
                new Attempt(
                    rs.getInt("attempt"),
                    Sql.instant(rs, "started_at"),
                    rs.getLong("duration_ms"),
                    (Integer) rs.getObject("status_code"),
                    rs.getString("outcome"),
                    rs.getString("error"),
                    rs.getString("response")))
        .list();
  }

  /**
   * The vouchers a customer's messages carried (one per code, the latest snapshot), from the
   * action's code or the trigger's own voucher.
   */
  List<tools.jackson.databind.JsonNode> vouchersOf(ProjectId project, String customerId) {
    return jdbc.sql(
            """
            select distinct on (code) voucher from (
              select coalesce(voucher_code, context #>> '{data,voucher,code}') as code,
                case when context #> '{data,voucher}' is not null
                       and jsonb_typeof(context #> '{data,voucher}') = 'object'
                     then context #> '{data,voucher}'
                     else jsonb_build_object('code', voucher_code) end as voucher,
                created_at
              from message
              where project_id = :project and customer_id = :customer) v
            where code is not null
            order by code, created_at desc
            limit 200
            """)
        .param("project", project.value())
        .param("customer", customerId)
        .query((rs, i) -> Json.parse(rs.getString(1)))
        .list();
  }

  private static Message map(ResultSet rs, int row) throws SQLException {
    return new Message(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("owner_id"),
        rs.getString("channel_id"),
        rs.getString("channel_type"),
        rs.getString("customer_id"),
        rs.getString("trigger_id"),
        MessageStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        rs.getInt("attempts"),
        rs.getInt("failed_attempts"),
        Sql.instant(rs, "next_attempt_at"),
        (ObjectNode) Json.parse(rs.getString("context")),
        rs.getString("voucher_code"),
        rs.getString("last_error"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "delivered_at"),
        rs.getString("template_id"),
        (Integer) rs.getObject("template_version"));
  }
}
