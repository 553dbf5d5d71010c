package dev.herald.bench;

import dev.herald.shared.Ids;
import dev.herald.support.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;

/**
 * What one event row costs to insert, measured on a copy of {@code event_log} as it was before
 * V913 (its columns and reading indexes) in the embedded server, one client, 1,000 rows a
 * statement as a manual send appends them: publications' pairs of a full row and its pointer row
 * (the second fact's own row before decision 0020), and the same without parts of it. Arguments:
 * the variant and the number of events (bench/distributions/README.md, eighteenth and twentieth
 * stops). Variants: {@code pairs}; {@code firsts} (the full rows alone, 500 a statement); {@code
 * pairs-no-customer-index}, {@code pairs-no-id-index}; and of the full rows alone, {@code
 * firsts-text} (the payload column {@code text}, not {@code json}: no check of the JSON), {@code
 * firsts-nodata} (no payload), {@code firsts-copy} and {@code firsts-text-copy} (by {@code COPY}
 * instead of the insert over arrays).
 *
 * <p>Two more give the table as it is since V913 (a publication's two facts in one row, {@code
 * also_type}, {@code also_id}; 1,000 rows a statement) with the indexes before and after V916
 * (twenty-second stop): {@code rows} (unique indexes on {@code id} and {@code also_id}, the
 * customer's index led by the project) and {@code rows-v916} (ids naming their sequence number and
 * no index of their own, the legacy ids' partial indexes, the customer's index without the
 * project).
 */
public final class EventRowsBench {

  private EventRowsBench() {}

  /** A publication event's data as a send stores it: marks and each recipient's own fields. */
  private static final String PAYLOAD =
      """
      {"customer":{"$event":103452,"$member":"customer","$with":{"id":"cust_b000056000",\
      "source_id":"b-56000","email":"b56000@bench.example","assets":{"cockpit_url":\
      "http://localhost:43899/public/cockpit/LQs5PBdb6S5f7GB6MA3SW1sSwT4NMlERF8nj2z2Peq9EE0jRtm3b94\
      4yCwBDb_mTOCKzXzJIwWd0toLfsWdow_rNVYfaq3J60DE"},"created_at":"2026-11-29T10:30:20.033Z"}},\
      "campaign":{"$event":103452,"$member":"campaign"},"publication":{"$event":103452,"$member":\
      "publication","$with":{"id":"pub_mx1rlactsld83Uon2EHR7Zug","customer_id":"cust_b000056000",\
      "tracking_id":"b-56000","vouchers_id":["v_mx1rkziv3kX2RatnFEAgYXAi"]}},"voucher":{"$event":\
      103452,"$member":"voucher","$with":{"id":"v_mx1rkziv3kX2RatnFEAgYXAi","code":"n2BNWduk",\
      "assets":{"qr":{"id":"mx1rkziv5vGXx1Lp5lBdRyjOrcuqgOYF","url":\
      "http://localhost:43899/assets/qr/mx1rkziv5vGXx1Lp5lBdRyjOrcuqgOYF"},"barcode":{"id":\
      "mx1rkziv5vGXx1Lp5lBdRyjOrcuqgOYF","url":\
      "http://localhost:43899/assets/barcode/mx1rkziv5vGXx1Lp5lBdRyjOrcuqgOYF"}},"holder_id":\
      "cust_b000056000","publish":{"object":"list","count":1,"url":\
      "/v1/vouchers/n2BNWduk/publications?page=1&limit=10"},"redemption":{"object":"list",\
      "quantity":null,"redeemed_quantity":0,"url":\
      "/v1/vouchers/n2BNWduk/redemption?page=1&limit=10"}}}}""";

  public static void main(String[] args) throws Exception {
    String variant = args.length > 0 ? args[0] : "pairs";
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
    String url = TestPostgres.newDatabase("bench_event_rows");
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute(
          "create table event_log (seq bigserial primary key, id text not null, project_id text"
              + " not null, type text not null, customer_id text, data "
              // the payload is text since V915, as in the rows-… layouts
              + (variant.contains("text") || variant.startsWith("rows") ? "text" : "json")
              + ", data_of bigint,"
              + " group_id text, channel text not null default 'API', caused_by text[] not null"
              + " default '{}', depth int not null default 0, created_at timestamptz not null,"
              + " tx xid8 not null default pg_current_xact_id(), distribution_id text,"
              + " also_type text, also_id text)");
      boolean rowsLayout = variant.startsWith("rows");
      boolean v916 = variant.equals("rows-v916");
      if (v916) {
        s.execute(
            "create unique index event_log_legacy_id on event_log (id)"
                + " where substr(id, strpos(id, '_') + 1, 1) <> '0'");
        s.execute(
            "create unique index event_log_legacy_also_id on event_log (also_id) where also_id"
                + " is not null and substr(also_id, strpos(also_id, '_') + 1, 1) <> '0'");
        s.execute(
            "create index event_log_customer on event_log (customer_id, seq desc)"
                + " where customer_id is not null");
      } else {
        if (!variant.endsWith("no-id-index")) {
          s.execute("create unique index event_log_id_key on event_log (id)");
        }
        if (rowsLayout) {
          s.execute(
              "create unique index event_log_also_id on event_log (also_id)"
                  + " where also_id is not null");
        }
        if (!variant.endsWith("no-customer-index")) {
          s.execute(
              "create index event_log_customer on event_log (project_id, customer_id, seq desc)");
        }
      }
      s.execute(
          "create index event_log_time on event_log using brin (created_at)"
              + " with (autosummarize = on)");
      s.execute("create index event_log_stream on event_log (project_id, tx)");
      s.execute(
          "create index event_log_distribution on event_log (project_id, distribution_id, tx)"
              + " where distribution_id is not null");
      PreparedStatement insert =
          c.prepareStatement(
              "insert into event_log (id, project_id, type, customer_id, data, data_of,"
                  + " created_at, distribution_id, also_type, also_id) select u.id, u.project,"
                  + " u.type, u.customer,"
                  + (variant.contains("text") || variant.startsWith("rows")
                      ? " u.data"
                      : " cast(u.data as json)")
                  + ", u.data_of, now(), u.distribution, u.also_type, u.also_id from unnest("
                  + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],"
                  + " ?::text[], ?::text[], ?::text[]) as u(id, project, type, customer, data,"
                  + " data_of, distribution, also_type, also_id)");
      boolean firsts = variant.startsWith("firsts");
      Random random = new Random(1);
      long started = System.nanoTime();
      for (int done = 0; done < events; done += 1_000) {
        int rows = firsts ? 500 : 1_000;
        String[] id = new String[rows];
        String[] type = new String[rows];
        String[] customer = new String[rows];
        String[] data = new String[rows];
        Long[] dataOf = new Long[rows];
        String[] alsoType = new String[rows];
        String[] alsoId = new String[rows];
        for (int i = 0; i < rows; i++) {
          boolean pointer = !firsts && !rowsLayout && i % 2 == 1;
          if (!pointer) {
            customer[i] = "cust_b" + String.format("%09d", random.nextInt(1_000_000));
          } else {
            customer[i] = customer[i - 1];
          }
          // since V916 an id is its row's number in hexadecimal (first digit 0), then 12 random
          long seq = 2L * (done + i) + 1;
          id[i] = v916 ? sequenceId(seq) : Ids.newId("evcus_");
          if (rowsLayout) {
            alsoType[i] = "voucher.published";
            alsoId[i] = v916 ? sequenceId(seq + 1) : Ids.newId("evcus_");
          }
          type[i] = pointer ? "voucher.published" : "customer.publication.succeeded";
          data[i] = pointer || variant.contains("nodata") ? null : PAYLOAD;
          dataOf[i] = pointer ? 1L : null;
        }
        String[] project = new String[rows];
        String[] distribution = new String[rows];
        Arrays.fill(project, "proj_mx1rkziv5vGXx1Lp5lBdRyjO");
        Arrays.fill(distribution, "distr_mx1rl01e3q9sqavxvV8Wsuxw");
        if (variant.contains("copy")) {
          StringBuilder b = new StringBuilder(rows * 1400);
          String now = java.time.OffsetDateTime.now().toString();
          for (int i = 0; i < rows; i++) {
            b.append(id[i]).append('\t').append(project[i]).append('\t').append(type[i]);
            b.append('\t').append(customer[i]).append('\t');
            if (data[i] == null) {
              b.append("\\N");
            } else {
              escape(b, data[i]);
            }
            b.append('\t').append(dataOf[i] == null ? "\\N" : dataOf[i].toString());
            b.append('\t').append(now).append('\t').append(distribution[i]).append('\n');
          }
          new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
              .copyIn(
                  "copy event_log (id, project_id, type, customer_id, data, data_of, created_at,"
                      + " distribution_id) from stdin",
                  new java.io.StringReader(b.toString()));
          continue;
        }
        insert.setArray(1, c.createArrayOf("text", id));
        insert.setArray(2, c.createArrayOf("text", project));
        insert.setArray(3, c.createArrayOf("text", type));
        insert.setArray(4, c.createArrayOf("text", customer));
        insert.setArray(5, c.createArrayOf("text", data));
        insert.setArray(6, c.createArrayOf("int8", dataOf));
        insert.setArray(7, c.createArrayOf("text", distribution));
        insert.setArray(8, c.createArrayOf("text", alsoType));
        insert.setArray(9, c.createArrayOf("text", alsoId));
        insert.executeUpdate();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      int inserted = firsts ? events / 2 : events;
      System.out.printf(
          "%s: %,d rows in %.1f s, %.2f µs a row%n",
          variant, inserted, seconds, seconds * 1e6 / inserted);
    }
  }

  /** An id as {@code EventIds} makes it since V916 (the number as 12 hex digits, 12 random). */
  private static String sequenceId(long seq) {
    String hex = Long.toHexString(seq);
    return "evcus_" + "0".repeat(12 - hex.length()) + hex + Ids.random(12);
  }

  private static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(ch);
      }
    }
  }
}
