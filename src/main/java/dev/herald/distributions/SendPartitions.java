package dev.herald.distributions;

import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ranges a manual send's segment is cut into (see {@link ManualSends}): each a slice of the
 * segment's keyset order, {@code (after, upTo]}, with its own cursor and count.
 */
@Repository
class SendPartitions {

  /** One range: its bounds (null: open), how far it got, how many it sent, whether it is done. */
  record Partition(
      int part, String after, String upTo, String cursor, long done, Instant finishedAt) {

    /** Where the next batch starts: after the cursor, or after the range's lower bound. */
    String next() {
      return cursor != null ? cursor : after;
    }

    boolean finished() {
      return finishedAt != null;
    }
  }

  private final JdbcClient jdbc;

  SendPartitions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Cuts the send at {@code splits} (ascending member ids): one more range than splits. */
  void create(String distributionId, List<String> splits) {
    for (int part = 0; part <= splits.size(); part++) {
      jdbc.sql(
              """
              insert into distribution_partition (distribution_id, part, after_id, up_to_id)
              values (:d, :part, :after, :upTo)
              """)
          .param("d", distributionId)
          .param("part", part)
          .param("after", part == 0 ? null : splits.get(part - 1), java.sql.Types.VARCHAR)
          .param("upTo", part == splits.size() ? null : splits.get(part), java.sql.Types.VARCHAR)
          .update();
    }
  }

  /**
   * One range over the whole segment that starts after {@code cursor} with {@code done} already
   * sent: a send begun before sends were cut into ranges goes on where it stopped.
   */
  void continueFrom(String distributionId, String cursor, long done) {
    jdbc.sql(
            """
            insert into distribution_partition (distribution_id, part, cursor, done)
            values (:d, 0, :cursor, :done)
            """)
        .param("d", distributionId)
        .param("cursor", cursor, java.sql.Types.VARCHAR)
        .param("done", done)
        .update();
  }

  List<Partition> of(String distributionId) {
    return jdbc.sql("select * from distribution_partition where distribution_id = :d order by part")
        .param("d", distributionId)
        .query(SendPartitions::map)
        .list();
  }

  /** One range, locked for its batch: a range is sent by one transaction at a time. */
  Optional<Partition> lock(String distributionId, int part) {
    return jdbc.sql(
            "select * from distribution_partition where distribution_id = :d and part = :part"
                + " for update")
        .param("d", distributionId)
        .param("part", part)
        .query(SendPartitions::map)
        .optional();
  }

  /** Records a batch: the range's new cursor and count, and whether it reached its end. */
  void progressed(String distributionId, int part, String cursor, long more, Instant finishedAt) {
    jdbc.sql(
            """
            update distribution_partition set cursor = coalesce(:cursor, cursor),
              done = done + :more, finished_at = :finished
            where distribution_id = :d and part = :part
            """)
        .param("cursor", cursor, java.sql.Types.VARCHAR)
        .param("more", more)
        .param("finished", Sql.ts(finishedAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
        .param("d", distributionId)
        .param("part", part)
        .update();
  }

  private static Partition map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Partition(
        rs.getInt("part"),
        rs.getString("after_id"),
        rs.getString("up_to_id"),
        rs.getString("cursor"),
        rs.getLong("done"),
        Sql.instant(rs, "finished_at"));
  }
}
