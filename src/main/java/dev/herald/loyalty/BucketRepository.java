package dev.herald.loyalty;

import dev.herald.projects.ProjectId;
import dev.herald.shared.Ids;
import dev.herald.shared.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A card's expiring points ({@code loyalty_points_bucket}). */
@Repository
class BucketRepository {

  /** Points that expire together. */
  record Bucket(
      String id,
      String voucherId,
      String campaignId,
      long total,
      long remaining,
      Instant expiresAt,
      String status,
      Instant createdAt,
      Instant updatedAt) {}

  private final JdbcClient jdbc;

  BucketRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertBucket(ProjectId project, Card card, long points, Instant expiresAt, Instant at) {
    jdbc.sql(
            """
            insert into loyalty_points_bucket (id, project_id, voucher_id, campaign_id, total,
              remaining, expires_at, status, created_at)
            values (:id, :p, :v, :c, :points, :points, :exp, 'ACTIVE', :at)
            """)
        .param("id", Ids.newId("lpb_"))
        .param("p", project.value())
        .param("v", card.voucherId())
        .param("c", card.campaignId())
        .param("points", points)
        .param("exp", Sql.ts(expiresAt))
        .param("at", Sql.ts(at))
        .update();
  }

  /** The card's active buckets, soonest expiry first (the card must be locked). */
  List<Bucket> activeBuckets(String voucherId) {
    return jdbc.sql(
            "select * from loyalty_points_bucket where voucher_id = :v and status = 'ACTIVE'"
                + " order by expires_at, id")
        .param("v", voucherId)
        .query(BucketRepository::bucket)
        .list();
  }

  void setRemaining(String bucketId, long remaining, String status, Instant at) {
    jdbc.sql(
            "update loyalty_points_bucket set remaining = :r, status = :s, updated_at = :at"
                + " where id = :id")
        .param("r", remaining)
        .param("s", status)
        .param("at", Sql.ts(at))
        .param("id", bucketId)
        .update();
  }

  List<Bucket> buckets(String voucherId, int limit, int offset) {
    return jdbc.sql(
            "select * from loyalty_points_bucket where voucher_id = :v"
                + " order by expires_at, id limit :limit offset :offset")
        .param("v", voucherId)
        .param("limit", limit)
        .param("offset", offset)
        .query(BucketRepository::bucket)
        .list();
  }

  long bucketCount(String voucherId) {
    return jdbc.sql("select count(*) from loyalty_points_bucket where voucher_id = :v")
        .param("v", voucherId)
        .query(Long.class)
        .single();
  }

  /** Cards with points due to expire. */
  List<String> expiryDue(Instant now, int limit) {
    return jdbc.sql(
            """
            select voucher_id from loyalty_points_bucket
            where status = 'ACTIVE' and expires_at <= :now
            group by voucher_id order by min(expires_at) limit :limit
            """)
        .param("now", Sql.ts(now))
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  private static Bucket bucket(ResultSet rs, int i) throws SQLException {
    return new Bucket(
        rs.getString("id"),
        rs.getString("voucher_id"),
        rs.getString("campaign_id"),
        rs.getLong("total"),
        rs.getLong("remaining"),
        Sql.instant(rs, "expires_at"),
        rs.getString("status"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
