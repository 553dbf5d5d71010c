package dev.herald.loyalty;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Referrals ({@code referral}): one per referee and referral program. */
@Repository
class ReferralRepository {

  /** A referee converted by a referrer's code. */
  record Referral(
      String id,
      ProjectId projectId,
      String campaignId,
      String voucherId,
      String referrerId,
      String refereeId,
      String relatedObjectType,
      String relatedObjectId,
      Instant createdAt) {}

  private final JdbcClient jdbc;

  ReferralRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the referral; false when this referee was already referred in the program. */
  boolean insert(Referral r) {
    return jdbc.sql(
                """
                insert into referral (id, project_id, campaign_id, voucher_id, referrer_id,
                  referee_id, related_object_type, related_object_id, created_at)
                values (:id, :p, :c, :v, :referrer, :referee, :type, :object, :at)
                on conflict (campaign_id, referee_id) do nothing
                """)
            .param("id", r.id())
            .param("p", r.projectId().value())
            .param("c", r.campaignId())
            .param("v", r.voucherId())
            .param("referrer", r.referrerId())
            .param("referee", r.refereeId())
            .param("type", r.relatedObjectType())
            .param("object", r.relatedObjectId())
            .param("at", Sql.ts(r.createdAt()))
            .update()
        == 1;
  }

  /** The referrals that converted this customer (as referee), oldest first. */
  List<Referral> ofReferee(ProjectId project, String customerId) {
    return jdbc.sql(
            "select * from referral where project_id = :p and referee_id = :c"
                + " order by created_at, id")
        .param("p", project.value())
        .param("c", customerId)
        .query(ReferralRepository::map)
        .list();
  }

  /** How many customers this referrer referred, per referral campaign. */
  Map<String, Long> referredBy(ProjectId project, String customerId) {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.sql(
            "select campaign_id, count(*) as n from referral where project_id = :p"
                + " and referrer_id = :c group by campaign_id order by campaign_id")
        .param("p", project.value())
        .param("c", customerId)
        .query(
            (ResultSet rs) -> {
              out.put(rs.getString("campaign_id"), rs.getLong("n"));
            });
    return out;
  }

  private static Referral map(ResultSet rs, int i) throws SQLException {
    return new Referral(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("campaign_id"),
        rs.getString("voucher_id"),
        rs.getString("referrer_id"),
        rs.getString("referee_id"),
        rs.getString("related_object_type"),
        rs.getString("related_object_id"),
        Sql.instant(rs, "created_at"));
  }
}
