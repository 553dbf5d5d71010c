package dev.herald.messaging;

import dev.herald.eventlog.EventLog;
import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

@Repository
class MessageRepository {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final EventLog eventLog;

  MessageRepository(JdbcClient jdbc, TransactionTemplate tx, EventLog eventLog) {
    this.tx = tx;
    this.jdbc = jdbc;
    this.eventLog = eventLog;
  }

  /**
   * Queues many messages with one statement; rows whose (channel, trigger, customer) already has a
   * message are skipped. Rows inserted as {@code SENDING} are claimed by {@code claim}'s node from
   * now until its lease runs out, their first attempt counted. Returns the ids of the rows actually
   * inserted.
   */
  List<String> insertAll(
      List<String> ids,
      List<NewMessage> batch,
      List<MessageStatus> statuses,
      List<String> reasons,
      Instant now,
      Handoff.Grant claim) {
    if (batch.isEmpty()) {
      return List.of();
    }
    int n = batch.size();
    String[] id = new String[n];
    String[] project = new String[n];
    String[] owner = new String[n];
    String[] channel = new String[n];
    String[] type = new String[n];
    String[] customer = new String[n];
    String[] trigger = new String[n];
    String[] status = new String[n];
    String[] reason = new String[n];
    String[] context = new String[n];
    Long[] dataOf = new Long[n];
    Long[] sharedOf = new Long[n];
    String[] voucher = new String[n];
    String[] template = new String[n];
    Integer[] version = new Integer[n];
    ObjectNode shared = null;
    List<Snapshots.Stored> stored = new java.util.ArrayList<>(n);
    ProjectId first = batch.get(0).projectId();
    boolean oneProject = batch.stream().allMatch(m -> m.projectId().equals(first));
    if (oneProject) {
      shared = Snapshots.shared(batch);
    }
    for (NewMessage m : batch) {
      stored.add(Snapshots.store(m.context(), m.base(), shared));
    }
    String alike = oneProject ? Snapshots.alike(stored) : null;
    if (alike != null) {
      shared = shared == null ? Json.object() : shared;
      shared.set(Snapshots.SNAPSHOT, Json.parse(alike));
    }
    Long sharedId = null;
    if (shared != null) {
      sharedId =
          jdbc.sql(
                  "insert into message_shared (project_id, context, created_at)"
                      + " values (:project, cast(:context as json), :now) returning id")
              .param("project", first.value())
              .param("context", Json.write(shared))
              .param("now", Sql.ts(now))
              .query(Long.class)
              .single();
    }
    for (int i = 0; i < n; i++) {
      NewMessage m = batch.get(i);
      id[i] = ids.get(i);
      project[i] = m.projectId().value();
      owner[i] = m.ownerId();
      channel[i] = m.channel().id();
      type[i] = m.channel().type();
      customer[i] = m.customerId();
      trigger[i] = m.triggerId();
      status[i] = statuses.get(i).name();
      reason[i] = reasons.get(i);
      Snapshots.Stored own = stored.get(i);
      boolean isAlike = own.json().equals(alike);
      context[i] = isAlike ? Snapshots.SNAPSHOT_MARK : own.json();
      dataOf[i] = own.dataOf();
      sharedOf[i] = isAlike || own.shared() ? sharedId : null;
      voucher[i] = m.voucherCode();
      template[i] = m.templateId();
      version[i] = m.templateVersion();
    }
    // one statement over arrays per slice, each slice's snapshots small enough for ordinary
    // buffers (Sql.STATEMENT_BYTES)
    List<String> inserted = new java.util.ArrayList<>(n);
    for (Sql.Slice s :
        Sql.slices(
            n, i -> 300 + (context[i] == null ? 0 : context[i].length()), Sql.STATEMENT_BYTES)) {
      int from = s.from();
      int to = s.to();
      inserted.addAll(
          jdbc.sql(INSERT)
              .param("id", Sql.array("text", id, from, to))
              .param("project", Sql.array("text", project, from, to))
              .param("owner", Sql.array("text", owner, from, to))
              .param("channel", Sql.array("text", channel, from, to))
              .param("type", Sql.array("text", type, from, to))
              .param("customer", Sql.array("text", customer, from, to))
              .param("trigger", Sql.array("text", trigger, from, to))
              .param("status", Sql.array("text", status, from, to))
              .param("reason", Sql.array("text", reason, from, to))
              .param("context", Sql.array("text", context, from, to))
              .param("dataOf", Sql.array("int8", dataOf, from, to))
              .param("sharedOf", Sql.array("int8", sharedOf, from, to))
              .param("voucher", Sql.array("text", voucher, from, to))
              .param("template", Sql.array("text", template, from, to))
              .param("version", Sql.array("int4", version, from, to))
              .param("now", Sql.ts(now))
              .param("node", claim.node(), java.sql.Types.VARCHAR)
              .param(
                  "lease",
                  claim.leaseUntil() == null ? null : Sql.ts(claim.leaseUntil()),
                  java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
              .query(String.class)
              .list());
    }
    return inserted;
  }

  private static final String INSERT =
      """
      insert into message (id, project_id, owner_id, channel_id, channel_type, customer_id,
        trigger_id, status, reason, next_attempt_at, context, data_of, shared_of, voucher_code,
        created_at, updated_at, template_id, template_version, attempts, locked_by,
        locked_until)
      select u.id, u.project, u.owner, u.channel, u.type, u.customer, u.trigger, u.status,
        u.reason, :now, cast(u.context as json), u.data_of, u.shared_of, u.voucher, :now, :now,
        u.template, u.version, case when u.status = 'SENDING' then 1 else 0 end,
        case when u.status = 'SENDING' then cast(:node as text) end,
        case when u.status = 'SENDING' then cast(:lease as timestamptz) end
      from unnest(cast(:id as text[]), cast(:project as text[]), cast(:owner as text[]),
        cast(:channel as text[]), cast(:type as text[]), cast(:customer as text[]),
        cast(:trigger as text[]), cast(:status as text[]), cast(:reason as text[]),
        cast(:context as text[]), cast(:dataOf as bigint[]), cast(:sharedOf as bigint[]),
        cast(:voucher as text[]), cast(:template as text[]), cast(:version as int[]))
        as u(id, project, owner, channel, type, customer, trigger, status, reason, context,
             data_of, shared_of, voucher, template, version)
      on conflict (owner_id, customer_id, channel_id, trigger_id) do nothing
      returning id
      """;

  /** A claimed message; {@code orphaned} when it was taken over from a node whose lease ran out. */
  record Claimed(Message message, boolean orphaned) {}

  /**
   * Claims due messages for this node, at most {@code room} of each channel type: queued or
   * retry-due ones, oldest first, and sends whose node died (their lease ran out). Each claim
   * counts as an attempt until the outcome says otherwise.
   */
  List<Claimed> claim(String node, Instant now, Instant leaseUntil, Map<String, Integer> room) {
    String[] types = room.keySet().toArray(String[]::new);
    int[] limits = new int[types.length];
    for (int i = 0; i < types.length; i++) {
      limits[i] = room.get(types[i]);
    }
    List<ClaimedRow> rows =
        tx.execute(
            status -> {
              Sql.planForCurrentTables(jdbc);
              return jdbc.sql(
                      """
                  with room as (
                    select * from unnest(cast(:types as text[]), cast(:limits as int[])) as r(type, n)),
                  due as (
                    select d.id from room cross join lateral (
                      select id from message
                      where status in ('QUEUED', 'RETRY_SCHEDULED') and channel_type = room.type
                        and next_attempt_at <= :now
                      order by next_attempt_at limit room.n for update skip locked) d),
                  orphaned as (
                    select o.id from room cross join lateral (
                      select id from message
                      where status = 'SENDING' and channel_type = room.type and locked_until < :now
                      limit room.n for update skip locked) o)
                  update message m set status = 'SENDING', locked_by = :node, locked_until = :lease,
                    attempts = attempts + 1, updated_at = :now
                  where id in (select id from due union all select id from orphaned)
                  returning m.*, m.id in (select id from orphaned) as orphaned
                  """)
                  .param("node", node)
                  .param("lease", Sql.ts(leaseUntil))
                  .param("now", Sql.ts(now))
                  .param("types", types)
                  .param("limits", limits)
                  .query((rs, i) -> new ClaimedRow(row(rs, i), rs.getBoolean("orphaned")))
                  .list();
            });
    List<Message> messages = resolve(rows.stream().map(ClaimedRow::row).toList());
    return java.util.stream.IntStream.range(0, rows.size())
        .mapToObj(i -> new Claimed(messages.get(i), rows.get(i).orphaned()))
        // RETURNING comes in no particular order: hand them on oldest due first
        .sorted(CLAIM_ORDER)
        .toList();
  }

  private record ClaimedRow(Row row, boolean orphaned) {}

  private static final java.util.Comparator<Claimed> CLAIM_ORDER =
      java.util.Comparator.comparing(
              (Claimed c) -> c.message().nextAttemptAt(),
              java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
          .thenComparing(c -> c.message().createdAt())
          .thenComparing(c -> c.message().id());

  /**
   * Releases a paused owner's held messages by making them due now, in the order they were queued
   * (due times a microsecond apart, so the dispatcher claims them oldest first).
   */
  int release(ProjectId project, String ownerId, Instant now) {
    return jdbc.sql(
            """
            with held as (
              select id, row_number() over (order by created_at, id collate "C") as n from message
              where project_id = :project and owner_id = :owner and status = 'HELD')
            update message m set status = case when m.attempts = 0 then 'QUEUED'
                else 'RETRY_SCHEDULED' end,
              next_attempt_at = :now + held.n * interval '1 microsecond', updated_at = :now
            from held where m.id = held.id
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
    return resolve(spec.query(MessageRepository::row).list());
  }

  java.util.Optional<Message> find(ProjectId project, String id) {
    return jdbc
        .sql("select * from message where project_id = :project and id = :id")
        .param("project", project.value())
        .param("id", id)
        .query(MessageRepository::row)
        .list()
        .stream()
        .findFirst()
        .map(r -> resolve(List.of(r)).get(0));
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
    List<Carried> rows =
        jdbc.sql(
                """
                select distinct on (code) voucher, data_of, shared_of from (
                  select coalesce(voucher_code, context #>> '{data,voucher,code}') as code,
                    case when context #> '{data,voucher}' is not null
                           and json_typeof(context #> '{data,voucher}') = 'object'
                         then context #> '{data,voucher}'
                         else json_build_object('code', voucher_code) end as voucher,
                    -- the event, when the voucher is one the snapshot shares with it
                    case when context #> '{data,voucher,$event}' is not null then data_of end
                      as data_of,
                    -- the batch's shared part, when the voucher is stored there
                    case when context #> '{data,voucher,$shared}' is not null then shared_of end
                      as shared_of,
                    created_at
                  from (
                    -- a snapshot its batch's messages have alike is stored in the shared part
                    select m.voucher_code, m.data_of, m.shared_of, m.created_at,
                      case when m.context::text = :alike
                           then (select s.context -> '$snapshot' from message_shared s
                                 where s.id = m.shared_of)
                           else m.context end as context
                    from message m
                    where m.project_id = :project and m.customer_id = :customer) m) v
                where code is not null
                order by code, created_at desc
                limit 200
                """)
            .param("project", project.value())
            .param("customer", customerId)
            .param("alike", Snapshots.SNAPSHOT_MARK)
            .query(
                (rs, i) ->
                    new Carried(
                        Json.object().set("voucher", Json.parse(rs.getString(1))),
                        (Long) rs.getObject(2),
                        (Long) rs.getObject(3)))
            .list();
    Map<Long, ObjectNode> events = eventData(rows.stream().map(Carried::dataOf));
    Map<Long, ObjectNode> shared = sharedParts(rows.stream().map(Carried::sharedOf));
    return rows.stream()
        .map(
            r -> {
              ObjectNode part = r.sharedOf() == null ? null : shared.get(r.sharedOf());
              Snapshots.resolveData(
                  r.data(),
                  r.dataOf() == null ? null : events.get(r.dataOf()),
                  part == null ? null : part.get("data"));
              return r.data().get("voucher");
            })
        .toList();
  }

  /**
   * A voucher a message carried, as a one-member snapshot {@code data}, its event and its batch's
   * shared part.
   */
  private record Carried(ObjectNode data, Long dataOf, Long sharedOf) {}

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
        Snapshots.read(rs.getString("context")),
        rs.getString("voucher_code"),
        rs.getString("last_error"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "delivered_at"),
        rs.getString("template_id"),
        (Integer) rs.getObject("template_version"),
        rs.getBoolean("counted"));
  }

  /**
   * A row: its message, the event its snapshot shares members with and its batch's shared part
   * (each null if none).
   */
  private record Row(Message message, Long dataOf, Long sharedOf) {}

  private static Row row(ResultSet rs, int i) throws SQLException {
    return new Row(map(rs, i), (Long) rs.getObject("data_of"), (Long) rs.getObject("shared_of"));
  }

  /**
   * Puts back, in place, the members the messages' snapshots share with their events and with the
   * other messages of their batch, reading each event and each shared part once.
   */
  private List<Message> resolve(List<Row> rows) {
    Map<Long, ObjectNode> events = eventData(rows.stream().map(Row::dataOf));
    Map<Long, ObjectNode> shared = sharedParts(rows.stream().map(Row::sharedOf));
    for (Row r : rows) {
      Snapshots.resolve(
          r.message().context(),
          r.dataOf() == null ? null : events.get(r.dataOf()),
          r.sharedOf() == null ? null : shared.get(r.sharedOf()));
    }
    return rows.stream().map(Row::message).toList();
  }

  /** The shared parts of these ids (nulls: none), each read once. */
  private Map<Long, ObjectNode> sharedParts(java.util.stream.Stream<Long> sharedOf) {
    List<Long> ids = sharedOf.filter(Objects::nonNull).distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<Long, ObjectNode> out = new java.util.HashMap<>();
    jdbc.sql("select id, context::text from message_shared where id = any(:ids)")
        .param("ids", Sql.bigintArray(ids))
        .query((rs, i) -> out.put(rs.getLong(1), (ObjectNode) Json.parse(rs.getString(2))))
        .list();
    return out;
  }

  /** The data of the events these snapshots refer to (nulls: none), each event read once. */
  private Map<Long, ObjectNode> eventData(java.util.stream.Stream<Long> dataOf) {
    List<Long> seqs = dataOf.filter(Objects::nonNull).distinct().toList();
    return seqs.isEmpty() ? Map.of() : eventLog.dataOf(seqs);
  }
}
