package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import dev.herald.shared.json.SameAs;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Repository
class EventLogRepository {

  /**
   * A row's columns; a row sharing another's data ({@code data_of}) gets it from that row. Every
   * read selects from {@code event_log} unaliased. A row holding a second fact ({@code also_type},
   * {@code also_id}) reads back as two events ({@link #facts}).
   */
  private static final String COLUMNS =
      "seq, id, project_id, type, customer_id, coalesce(data, (select s.data from event_log s"
          + " where s.seq = event_log.data_of))::text as data, group_id, channel, caused_by,"
          + " depth, created_at, distribution_id, tx::text as tx, also_type, also_id";

  private final JdbcClient jdbc;

  EventLogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The insert of events from one array per column. A null sequence number is taken from the
   * sequence in the insert itself; the ids are made from the sequence numbers ({@link EventIds}).
   * The sequence is read in a subquery, which PostgreSQL keeps as one (its output calls a volatile
   * function), so each row takes one number.
   */
  private static final String INSERT =
      """
      insert into event_log
        (seq, id, project_id, type, customer_id, data, data_of, group_id, channel, caused_by,
         depth, created_at, distribution_id, also_type, also_id)
      select u.seq, %s, u.project, u.type, u.customer, u.data, u.data_of, u.grp, u.channel,
        cast(u.caused_by as text[]), u.depth, u.at, u.distribution, u.also_type, %s
      from (select coalesce(a.given_seq, nextval('event_log_seq_seq')) as seq, a.*
        from unnest(cast(:seq as bigint[]), cast(:idHead as text[]), cast(:idTail as text[]),
          cast(:project as text[]), cast(:type as text[]), cast(:customer as text[]),
          cast(:data as text[]), cast(:dataOf as bigint[]), cast(:group as text[]),
          cast(:channel as text[]), cast(:causedBy as text[]), cast(:depth as int[]),
          cast(:at as timestamptz[]), cast(:distribution as text[]), cast(:alsoType as text[]),
          cast(:alsoTail as text[]))
          as a(given_seq, id_head, id_tail, project, type, customer, data, data_of, grp, channel,
               caused_by, depth, at, distribution, also_type, also_tail)) u
      """
          .formatted(
              EventIds.SQL.formatted("u.id_head", "u.seq", "u.id_tail"),
              // a second fact's id: the row's prefix and the number after the row's
              EventIds.SQL.formatted("u.id_head", "u.seq + 1", "u.also_tail"));

  /**
   * Marks a member stored by reference: {@code {"$event": 123, "$member": "campaign"}} stands for
   * the {@code campaign} member of event 123.
   */
  static final String EVENT_MARK = "$event";

  static final String MEMBER_MARK = "$member";

  /**
   * With a mark, the member's fields whose values differ from the named member's: {@code {"$event":
   * 123, "$member": "voucher", "$with": {"id": …, "code": …}}} stands for the {@code voucher} of
   * event 123 with those fields' values replaced. Used only when both have the same fields in the
   * same order, so the member read back is the member written.
   */
  static final String WITH_MARK = "$with";

  /** Members smaller than this are stored as they are (a mark would save nothing). */
  private static final int SHARED_MEMBER_MIN_FIELDS = 4;

  /**
   * Members with fewer fields than this are not stored as another's differences: the fields they
   * share are too few to be worth the comparison.
   */
  private static final int LIKE_MEMBER_MIN_FIELDS = 8;

  /**
   * Inserts events with one statement (and, for more than one row, one allocation of sequence
   * numbers before it); returns them with their {@code seq} and id. An event that differs from the
   * one before it only in its type and id — the very same data object, the same customer,
   * distribution, cause and time: two facts of one change, as a publication's {@code
   * customer.publication.succeeded} and {@code voucher.published} — is stored in that one's row
   * ({@code also_type}, {@code also_id}) and numbered after it ({@code seq + 1}, which the
   * sequence, advancing by two, never hands out). Events given the very same data object otherwise
   * store it once, in the first of them; so do events whose data hold the very same object as a
   * member (a batch of publications and their one campaign): later events store a mark naming the
   * event that holds it. A member with mostly the same fields as a member of the same name stored
   * whole earlier in the batch (the codes of one campaign, the customers of one send) is stored as
   * a mark naming it and its own differing fields. The log is append-only, so a reference is as
   * much a snapshot as a copy.
   */
  List<Event> insertAll(List<Event> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    int n = events.size();
    // which events are the second fact of the row before them
    boolean[] second = new boolean[n];
    int rowCount = n;
    for (int i = 1; i < n; i++) {
      if (!second[i - 1] && twoFacts(events.get(i - 1), events.get(i))) {
        second[i] = true;
        rowCount--;
      }
    }
    // one row (the usual API call) takes its sequence number in the insert; more take their
    // numbers first, so that their events can name the one holding a shared member
    List<Long> seqs =
        rowCount == 1
            ? null
            : jdbc.sql("select nextval('event_log_seq_seq') from generate_series(1, :n)")
                .param("n", rowCount)
                .query(Long.class)
                .list();
    Rows rows = new Rows(rowCount);
    Map<ObjectNode, Long> holders = new IdentityHashMap<>();
    Marks memberMarks = new Marks();
    int[] rowOf = new int[n];
    int r = -1;
    for (int i = 0; i < n; i++) {
      Event e = events.get(i);
      if (second[i]) {
        rowOf[i] = r;
        rows.alsoType[r] = e.type();
        rows.alsoTail[r] = EventIds.tail();
        continue;
      }
      rowOf[i] = ++r;
      if (seqs == null) {
        rows.data[r] = Json.write(SameAs.compact(e.data()));
      } else {
        rows.seq[r] = seqs.get(r);
        rows.dataOf[r] = holders.putIfAbsent(e.data(), rows.seq[r]);
        rows.data[r] =
            rows.dataOf[r] == null ? Json.write(stored(e.data(), rows.seq[r], memberMarks)) : null;
      }
      rows.idHead[r] = EventIds.prefix(e.customerId());
      rows.idTail[r] = EventIds.tail();
      rows.project[r] = e.projectId().value();
      rows.type[r] = e.type();
      rows.customer[r] = e.customerId();
      rows.group[r] = e.groupId();
      rows.channel[r] = e.channel();
      rows.causedBy[r] = "{" + String.join(",", e.causedBy()) + "}";
      rows.depth[r] = e.depth();
      rows.at[r] = e.createdAt().toString();
      rows.distribution[r] = e.distributionId();
    }
    if (seqs == null) {
      long stored = rows.bind(jdbc.sql(INSERT + " returning seq"), 0, 1).query(Long.class).single();
      rows.seq[0] = stored;
    } else {
      // one statement over arrays per slice of the batch (the driver sends each column once, not
      // a parameter per field), each slice's payloads small enough for ordinary buffers
      for (Sql.Slice slice :
          Sql.slices(
              rowCount,
              i -> 200 + (rows.data[i] == null ? 0 : rows.data[i].length()),
              Sql.STATEMENT_BYTES)) {
        rows.bind(jdbc.sql(INSERT), slice.from(), slice.to()).update();
      }
    }
    List<Event> stored = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int row = rowOf[i];
      long seq = rows.seq[row] + (second[i] ? 1 : 0);
      String tail = second[i] ? rows.alsoTail[row] : rows.idTail[row];
      stored.add(withSeq(events.get(i), seq, EventIds.of(rows.idHead[row], seq, tail)));
    }
    return stored;
  }

  /**
   * Whether {@code b} is a second fact of the change {@code a} records: the very same data object,
   * and everything but the type and id alike.
   */
  private static boolean twoFacts(Event a, Event b) {
    return a.data() == b.data()
        && a.projectId().equals(b.projectId())
        && Objects.equals(a.customerId(), b.customerId())
        && Objects.equals(a.groupId(), b.groupId())
        && a.channel().equals(b.channel())
        && a.causedBy().equals(b.causedBy())
        && a.depth() == b.depth()
        && a.createdAt().equals(b.createdAt())
        && Objects.equals(a.distributionId(), b.distributionId());
  }

  /** The columns of events to insert, one array each, as {@link #INSERT} takes them. */
  private static final class Rows {
    final Long[] seq;
    final String[] idHead;
    final String[] idTail;
    final String[] project;
    final String[] type;
    final String[] customer;
    final String[] data;
    final Long[] dataOf;
    final String[] group;
    final String[] channel;
    final String[] causedBy;
    final Integer[] depth;
    final String[] at;
    final String[] distribution;
    final String[] alsoType;
    final String[] alsoTail;

    Rows(int n) {
      seq = new Long[n];
      idHead = new String[n];
      idTail = new String[n];
      project = new String[n];
      type = new String[n];
      customer = new String[n];
      data = new String[n];
      dataOf = new Long[n];
      group = new String[n];
      channel = new String[n];
      causedBy = new String[n];
      depth = new Integer[n];
      at = new String[n];
      distribution = new String[n];
      alsoType = new String[n];
      alsoTail = new String[n];
    }

    /** The insert with rows {@code from} (inclusive) to {@code to} (exclusive) bound. */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec insert, int from, int to) {
      return insert
          .param("seq", Sql.array("int8", seq, from, to))
          .param("idHead", Sql.array("text", idHead, from, to))
          .param("idTail", Sql.array("text", idTail, from, to))
          .param("project", Sql.array("text", project, from, to))
          .param("type", Sql.array("text", type, from, to))
          .param("customer", Sql.array("text", customer, from, to))
          .param("data", Sql.array("text", data, from, to))
          .param("dataOf", Sql.array("int8", dataOf, from, to))
          .param("group", Sql.array("text", group, from, to))
          .param("channel", Sql.array("text", channel, from, to))
          .param("causedBy", Sql.array("text", causedBy, from, to))
          .param("depth", Sql.array("int4", depth, from, to))
          .param("at", Sql.array("text", at, from, to))
          .param("distribution", Sql.array("text", distribution, from, to))
          .param("alsoType", Sql.array("text", alsoType, from, to))
          .param("alsoTail", Sql.array("text", alsoTail, from, to));
    }
  }

  /**
   * The members stored whole so far in an append, to be named by later events: by identity (the
   * very same object, stored as a plain mark) and the first of each name (for members stored as
   * their differences from it).
   */
  private static final class Marks {
    final Map<JsonNode, ObjectNode> byIdentity = new IdentityHashMap<>();
    final Map<String, Like> byName = new HashMap<>();
  }

  /**
   * A member as stored in event {@code seq} (its copies of the event's other members as marks),
   * that later members of its name may be like.
   */
  private record Like(long seq, ObjectNode member) {}

  /**
   * An event's data as stored: without its copies of itself ({@link SameAs}), and with each member
   * an earlier event of the batch holds (the very same object) replaced by a mark naming that
   * event, or, for a member that as stored is mostly like the first of its name stored in the
   * batch, a mark naming that one with the fields that differ. The members it holds itself, stored
   * as they are, are added to {@code marks}.
   */
  private static ObjectNode stored(ObjectNode data, long seq, Marks marks) {
    ObjectNode compacted = SameAs.compact(data);
    ObjectNode out = compacted;
    for (Map.Entry<String, JsonNode> m : data.properties()) {
      if (!(m.getValue() instanceof ObjectNode member)
          || member.size() < SHARED_MEMBER_MIN_FIELDS) {
        continue;
      }
      ObjectNode mark = marks.byIdentity.get(member);
      // as it would be stored: itself, or a copy whose copies of top-level members are marks
      // (which read back against this event's own members, so they may be compared as they are)
      if (mark == null && compacted.get(m.getKey()) instanceof ObjectNode storedMember) {
        boolean whole = storedMember == member; // no marks inside: other events may name it
        Like like = marks.byName.get(m.getKey());
        ObjectNode differing = like == null ? null : differing(like.member(), storedMember);
        if (differing != null) {
          mark = Json.object().put(EVENT_MARK, like.seq()).put(MEMBER_MARK, m.getKey());
          mark.set(WITH_MARK, differing);
          if (whole) {
            marks.byIdentity.put(member, mark);
          }
        } else {
          if (whole) {
            marks.byIdentity.put(
                member, Json.object().put(EVENT_MARK, seq).put(MEMBER_MARK, m.getKey()));
          }
          if (like == null && storedMember.size() >= LIKE_MEMBER_MIN_FIELDS) {
            marks.byName.put(m.getKey(), new Like(seq, storedMember));
          }
        }
      }
      if (mark != null) {
        if (out == data) {
          out = Json.object().setAll(data);
        }
        out.set(m.getKey(), mark);
      }
    }
    return out;
  }

  /**
   * The fields of {@code member} whose values differ from {@code base}'s, if both have the same
   * fields in the same order and at most half of them differ; else null (the member is stored
   * whole).
   */
  private static ObjectNode differing(ObjectNode base, ObjectNode member) {
    if (base.size() != member.size() || member.size() < LIKE_MEMBER_MIN_FIELDS) {
      return null;
    }
    ObjectNode out = Json.object();
    var theirs = base.properties().iterator();
    for (Map.Entry<String, JsonNode> mine : member.properties()) {
      Map.Entry<String, JsonNode> their = theirs.next();
      if (!mine.getKey().equals(their.getKey())) {
        return null;
      }
      if (!mine.getValue().equals(their.getValue())) {
        out.set(mine.getKey(), mine.getValue());
        if (out.size() * 2 > member.size()) {
          return null;
        }
      }
    }
    return out;
  }

  private static Event withSeq(Event e, long seq, String id) {
    return new Event(
        seq,
        id,
        e.projectId(),
        e.type(),
        e.customerId(),
        e.data(),
        e.groupId(),
        e.channel(),
        e.causedBy(),
        e.depth(),
        e.createdAt(),
        e.distributionId(),
        null);
  }

  /** The events of these sequence numbers, by sequence number. */
  Map<Long, Event> bySeqs(Collection<Long> seqs) {
    Map<Long, Event> out = new HashMap<>();
    if (seqs.isEmpty()) {
      return out;
    }
    // a second fact is in the row numbered one before it
    List<Long> before = seqs.stream().map(seq -> seq - 1).toList();
    Set<Long> wanted = new java.util.HashSet<>(seqs);
    facts(
            jdbc.sql(
                    "select "
                        + COLUMNS
                        + " from event_log where seq = any(:seqs)"
                        + " or seq = any(:before) and also_type is not null")
                .param("seqs", Sql.bigintArray(seqs))
                .param("before", Sql.bigintArray(before))
                .query(EventLogRepository::map)
                .list(),
            false,
            e -> wanted.contains(e.seq()))
        .forEach(e -> out.put(e.seq(), e));
    return out;
  }

  /**
   * The event of this id: by the sequence number it names (the row's, or the one before it for a
   * second fact), or, for an id made before V916, through the indexes that keep those.
   */
  Optional<Event> byId(ProjectId project, String id) {
    OptionalLong seq = EventIds.seqOf(id);
    JdbcClient.StatementSpec query =
        seq.isPresent()
            ? jdbc.sql(
                    "select "
                        + COLUMNS
                        + " from event_log where project_id = :project"
                        + " and seq in (:seq, :seq - 1)")
                .param("seq", seq.getAsLong())
            : jdbc.sql(
                    "select "
                        + COLUMNS
                        + " from event_log where project_id = :project and id = :id and "
                        + EventIds.LEGACY.formatted("id")
                        + " union all select "
                        + COLUMNS
                        + " from event_log where project_id = :project and also_id = :id and "
                        + EventIds.LEGACY.formatted("also_id"))
                .param("id", id);
    return facts(
            query.param("project", project.value()).query(EventLogRepository::map).list(),
            false,
            e -> e.id().equals(id))
        .stream()
        .findFirst();
  }

  /**
   * Up to {@code limit + 1} events matching the filter, after {@code afterSeq} in the query's
   * order. Rows are read up to {@code limit + 2}: of a row holding two facts, the one the page
   * starts after, or the one the filter does not take, is left out, and only the row at the start
   * can lose both.
   */
  List<Event> page(ProjectId project, StreamFilter f, ActivityQuery q, Long afterSeq) {
    Map<String, Object> params = new HashMap<>();
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from event_log where ");
    sql.append(where(project, f, params));
    if (afterSeq != null) {
      // a row's facts are numbered seq and seq + 1
      sql.append(q.ascending() ? " and seq >= :after" : " and seq < :after");
      params.put("after", afterSeq);
    }
    sql.append(" order by seq ").append(q.ascending() ? "asc" : "desc").append(" limit :limit");
    params.put("limit", q.limit() + 2);
    List<Event> events =
        facts(
            jdbc.sql(sql.toString()).params(params).query(EventLogRepository::map).list(),
            !q.ascending(),
            e ->
                f.takes(e.type())
                    && (afterSeq == null
                        || (q.ascending() ? e.seq() > afterSeq : e.seq() < afterSeq)));
    return events.size() > q.limit() + 1 ? events.subList(0, q.limit() + 1) : events;
  }

  /** The filter as SQL over event_log's rows (either of a row's facts); fills {@code params}. */
  private static String where(ProjectId project, StreamFilter f, Map<String, Object> params) {
    StringBuilder sql = new StringBuilder("project_id = :project");
    params.put("project", project.value());
    if (f.distributionId() != null) {
      sql.append(" and distribution_id = :distribution");
      params.put("distribution", f.distributionId());
    }
    if (f.customerId() != null) {
      sql.append(" and customer_id = :customer");
      params.put("customer", f.customerId());
    }
    if (f.from() != null) {
      sql.append(" and created_at >= :from");
      params.put("from", Sql.ts(f.from()));
    }
    if (f.to() != null) {
      sql.append(" and created_at <= :to");
      params.put("to", Sql.ts(f.to()));
    }
    if (!f.typePrefixes().isEmpty()) {
      sql.append(" and (");
      for (int i = 0; i < f.typePrefixes().size(); i++) {
        sql.append(i == 0 ? "" : " or ")
            .append("type like :type")
            .append(i)
            .append(" or also_type like :type")
            .append(i);
        params.put("type" + i, likePrefix(f.typePrefixes().get(i)));
      }
      sql.append(")");
    }
    return sql.toString();
  }

  /**
   * A LIKE pattern matching what starts with {@code prefix}: its own wildcards escaped, so that the
   * rows it finds are the ones {@link StreamFilter#takes} takes.
   */
  private static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /** A row as read: its first fact, and its second one's type and id if it holds two. */
  private record Row(Event first, String alsoType, String alsoId, String tx) {}

  private static Row map(ResultSet rs, int row) throws SQLException {
    Array causedBy = rs.getArray("caused_by");
    return new Row(
        new Event(
            rs.getLong("seq"),
            rs.getString("id"),
            new ProjectId(rs.getString("project_id")),
            rs.getString("type"),
            rs.getString("customer_id"),
            (ObjectNode) Json.parse(rs.getString("data")),
            rs.getString("group_id"),
            rs.getString("channel"),
            causedBy == null ? List.of() : Arrays.asList((String[]) causedBy.getArray()),
            rs.getInt("depth"),
            Sql.instant(rs, "created_at"),
            rs.getString("distribution_id"),
            rs.getString("tx") + "-" + rs.getLong("seq")),
        rs.getString("also_type"),
        rs.getString("also_id"),
        rs.getString("tx"));
  }

  /**
   * The events of rows read in order that {@code keep} takes: each row's data made whole, and a row
   * holding two facts read as two events (the second numbered {@code seq + 1}), in ascending order
   * or, with {@code descending}, the second first. Each event returned has data of its own: the
   * second fact gets a copy only when its sibling is returned too.
   */
  private List<Event> facts(List<Row> rows, boolean descending, Predicate<Event> keep) {
    whole(rows.stream().map(Row::first).toList());
    List<Event> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Event first = row.first();
      boolean keepFirst = keep.test(first);
      Event second = row.alsoType() == null ? null : second(row, first.data());
      if (second != null && !keep.test(second)) {
        second = null;
      } else if (second != null && keepFirst) {
        second = second(row, first.data().deepCopy());
      }
      if (second != null && descending) {
        out.add(second);
      }
      if (keepFirst) {
        out.add(first);
      }
      if (second != null && !descending) {
        out.add(second);
      }
    }
    return out;
  }

  /** The second fact of {@code row}, with {@code data}. */
  private static Event second(Row row, ObjectNode data) {
    Event first = row.first();
    return new Event(
        first.seq() + 1,
        row.alsoId(),
        first.projectId(),
        row.alsoType(),
        first.customerId(),
        data,
        first.groupId(),
        first.channel(),
        first.causedBy(),
        first.depth(),
        first.createdAt(),
        first.distributionId(),
        row.tx() + "-" + (first.seq() + 1));
  }

  /**
   * Puts back, in place, what the events read as stored leave out: members stored by reference to
   * another event (read from the events given, else with one query) and the copies of themselves
   * ({@link SameAs}). Returns {@code events}.
   */
  private List<Event> whole(List<Event> events) {
    Map<Long, ObjectNode> holders = new HashMap<>();
    for (Event e : events) {
      holders.put(e.seq(), e.data());
    }
    Set<Long> missing = new LinkedHashSet<>();
    for (Event e : events) {
      for (Map.Entry<String, JsonNode> m : e.data().properties()) {
        long holder = markedHolder(m.getValue());
        if (holder > 0 && !holders.containsKey(holder)) {
          missing.add(holder);
        }
      }
    }
    if (!missing.isEmpty()) {
      jdbc.sql("select seq, data::text as data from event_log where seq = any(:seqs)")
          .param("seqs", Sql.bigintArray(missing))
          .query(
              (rs, i) ->
                  holders.put(rs.getLong("seq"), (ObjectNode) Json.parse(rs.getString("data"))))
          .list();
    }
    for (Event e : events) {
      for (Map.Entry<String, JsonNode> m : e.data().properties()) {
        long holder = markedHolder(m.getValue());
        ObjectNode held = holder > 0 ? holders.get(holder) : null;
        JsonNode original =
            held == null ? null : held.get(m.getValue().get(MEMBER_MARK).asString());
        if (original != null && markedHolder(original) == 0) {
          JsonNode copy = original.deepCopy();
          if (m.getValue().get(WITH_MARK) instanceof ObjectNode with
              && copy instanceof ObjectNode fields) {
            // same fields in the same order: each replaced where it stands
            with.properties().forEach(f -> fields.set(f.getKey(), f.getValue()));
          }
          m.setValue(copy);
        }
      }
    }
    for (Event e : events) {
      SameAs.expand(e.data());
    }
    return events;
  }

  /** The holder's sequence number if {@code member} is a mark of a member stored by reference. */
  private static long markedHolder(JsonNode member) {
    if (member instanceof ObjectNode o
        && (o.size() == 2 || o.size() == 3 && o.get(WITH_MARK) instanceof ObjectNode)
        && o.get(EVENT_MARK) != null
        && o.get(EVENT_MARK).isIntegralNumber()
        && o.get(MEMBER_MARK) != null
        && o.get(MEMBER_MARK).isString()) {
      return o.get(EVENT_MARK).asLong();
    }
    return 0;
  }

  String streamStart() {
    return jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text")
            .query(String.class)
            .single()
        + "-0";
  }

  List<Event> stream(ProjectId project, StreamFilter f, String cursor, int limit) {
    Cursor at = Cursor.parse(cursor);
    Map<String, Object> params = new HashMap<>();
    // the row at the cursor may hold a second fact after it (seq + 1)
    String sql =
        "select "
            + COLUMNS
            + " from event_log where "
            + where(project, f, params)
            + " and (tx, seq) >= (cast(:tx as xid8), :seq)"
            + " and tx < pg_snapshot_xmin(pg_current_snapshot())"
            + " order by tx, seq limit :limit";
    params.put("tx", Long.toUnsignedString(at.tx()));
    params.put("seq", at.seq());
    params.put("limit", limit + 1);
    // of the rows from the cursor on, only the first fact at the cursor itself is not after it
    String atText = at.toString();
    List<Event> events =
        facts(
            jdbc.sql(sql).params(params).query(EventLogRepository::map).list(),
            false,
            e -> f.takes(e.type()) && !e.cursor().equals(atText));
    return events.size() > limit ? events.subList(0, limit) : events;
  }

  /**
   * A stream position, {@code <transaction id>-<sequence>}: each a number within its column's range
   * (the transaction id unsigned), anything else a 400. Written as the events' own cursors are (no
   * leading zeros), so that it compares equal to the event it names.
   */
  record Cursor(long tx, long seq) {

    static Cursor parse(String cursor) {
      if (cursor != null && cursor.matches("\\d{1,20}-\\d{1,19}")) {
        int dash = cursor.indexOf('-');
        try {
          return new Cursor(
              Long.parseUnsignedLong(cursor.substring(0, dash)),
              Long.parseLong(cursor.substring(dash + 1)));
        } catch (NumberFormatException outOfRange) {
          // a 400 below
        }
      }
      throw dev.herald.shared.ApiException.badRequest(
          "invalid_query_params", "the stream position '" + cursor + "' is not valid");
    }

    @Override
    public String toString() {
      return Long.toUnsignedString(tx) + "-" + seq;
    }
  }
}
