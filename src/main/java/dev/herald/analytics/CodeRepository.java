package dev.herald.analytics;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which distribution published each code and whether it is redeemed, and the code roll-ups derived
 * from it. Each method runs in the event consumer's transaction (one event each).
 */
@Repository
class CodeRepository {

  /** A code's state after a change; {@code distributionId} null while not attributed. */
  record Code(
      String distributionId,
      String campaignId,
      Instant publishedAt,
      int redemptions,
      Instant redeemedAt) {}

  /** Codes published and redeemed in one report bucket (1-based index) or over all time (0). */
  record Row(int bucket, long published, long redeemed) {}

  private final JdbcClient jdbc;

  CodeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A code a distribution published, and when. */
  record Published(String voucherId, String distribution, String campaign, Instant at) {}

  /**
   * Attributes codes of a project to the distributions that published them (each voucher at most
   * once in {@code codes}) with one statement; returns the codes attributed now, with their
   * redemption state. A code attributed before (a repeated publication) is not returned: it counts
   * once.
   */
  List<Code> attributeAll(ProjectId project, Collection<Published> codes) {
    int n = codes.size();
    String[] vouchers = new String[n];
    String[] distributions = new String[n];
    String[] campaigns = new String[n];
    String[] ats = new String[n];
    int i = 0;
    for (Published c : codes) {
      vouchers[i] = c.voucherId();
      distributions[i] = c.distribution();
      campaigns[i] = c.campaign();
      ats[i] = c.at().toString();
      i++;
    }
    return jdbc.sql(
            """
            insert into analytics_code as c (project_id, voucher_id, distribution_id, campaign_id,
              published_at)
            select :project, u.voucher, u.distribution, u.campaign, u.at
            from unnest(cast(:vouchers as text[]), cast(:distributions as text[]),
              cast(:campaigns as text[]), cast(:ats as timestamptz[]))
              as u(voucher, distribution, campaign, at)
            on conflict (voucher_id) do update
              set distribution_id = excluded.distribution_id, campaign_id = excluded.campaign_id,
                published_at = excluded.published_at
              where c.distribution_id is null
            returning distribution_id, campaign_id, published_at, redemptions, redeemed_at
            """)
        .param("project", project.value())
        .param("vouchers", vouchers)
        .param("distributions", distributions)
        .param("campaigns", campaigns)
        .param("ats", ats)
        .query(CodeRepository::code)
        .list();
  }

  /**
   * Counts a redemption ({@code +1}) or a rollback ({@code -1}) of a code; {@code at} becomes its
   * redemption time when it turns redeemed. Returns the state before and after.
   */
  Code[] redeem(ProjectId project, String voucherId, int delta, Instant at) {
    Code before =
        jdbc.sql(
                """
                insert into analytics_code as c (project_id, voucher_id, redemptions)
                values (:project, :voucher, 0)
                on conflict (voucher_id) do update set redemptions = c.redemptions
                returning distribution_id, campaign_id, published_at, redemptions, redeemed_at
                """)
            .param("project", project.value())
            .param("voucher", voucherId)
            .query(CodeRepository::code)
            .single();
    Code after =
        jdbc.sql(
                """
                update analytics_code set redemptions = redemptions + :delta,
                  redeemed_at = case when redemptions <= 0 and redemptions + :delta > 0 then :at
                    else redeemed_at end
                where project_id = :project and voucher_id = :voucher
                returning distribution_id, campaign_id, published_at, redemptions, redeemed_at
                """)
            .param("project", project.value())
            .param("voucher", voucherId)
            .param("delta", delta)
            .param("at", Sql.ts(at))
            .query(CodeRepository::code)
            .single();
    return new Code[] {before, after};
  }

  /** Adds to a distribution's code counts in the slot holding {@code at} and in its totals. */
  void count(
      ProjectId project,
      String distributionId,
      String campaignId,
      Instant at,
      long published,
      long redeemed) {
    jdbc.sql(
            """
            insert into analytics_code_bucket as b (project_id, distribution_id, bucket, published,
              redeemed)
            values (:project, :distribution, :slot, :published, :redeemed)
            on conflict (distribution_id, bucket) do update set
              published = b.published + excluded.published,
              redeemed = b.redeemed + excluded.redeemed
            """)
        .param("project", project.value())
        .param("distribution", distributionId)
        .param("slot", Sql.ts(Slots.slot(at)))
        .param("published", published)
        .param("redeemed", redeemed)
        .update();
    jdbc.sql(
            """
            insert into analytics_code_total as t (project_id, distribution_id, campaign_id,
              published, redeemed)
            values (:project, :distribution, :campaign, :published, :redeemed)
            on conflict (distribution_id, campaign_id) do update set
              published = t.published + excluded.published,
              redeemed = t.redeemed + excluded.redeemed
            """)
        .param("project", project.value())
        .param("distribution", distributionId)
        .param("campaign", campaignId == null ? "" : campaignId)
        .param("published", published)
        .param("redeemed", redeemed)
        .update();
  }

  /** Whether the project has any code a distribution published (redemptions matter then). */
  boolean anyAttributed(ProjectId project) {
    return jdbc.sql(
            "select exists (select 1 from analytics_code_total where project_id = :project)")
        .param("project", project.value())
        .query(Boolean.class)
        .single();
  }

  List<Row> series(ProjectId project, String distributionId, List<Instant> boundaries) {
    return jdbc.sql(
            """
            select width_bucket(bucket, (select cast(:bounds as timestamptz[]))) as b,
              sum(published) as published, sum(redeemed) as redeemed
            from analytics_code_bucket
            where distribution_id = :distribution and project_id = :project
              and bucket >= :from and bucket < :to
            group by b
            """)
        .param("bounds", boundaries.stream().map(Instant::toString).toArray(String[]::new))
        .param("distribution", distributionId)
        .param("project", project.value())
        .param("from", Sql.ts(boundaries.get(0)))
        .param("to", Sql.ts(boundaries.get(boundaries.size() - 1)))
        .query((rs, i) -> new Row(rs.getInt("b"), rs.getLong("published"), rs.getLong("redeemed")))
        .list();
  }

  /** A distribution's code totals, per campaign it published from. */
  record Total(String distributionId, String campaignId, long published, long redeemed) {}

  List<Total> totals(ProjectId project, Collection<String> distributionIds) {
    if (distributionIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select distribution_id, campaign_id, published, redeemed from analytics_code_total
            where project_id = :project and distribution_id = any(cast(:ids as text[]))
            """)
        .param("project", project.value())
        .param("ids", distributionIds.toArray(String[]::new))
        .query(
            (rs, i) ->
                new Total(
                    rs.getString("distribution_id"),
                    rs.getString("campaign_id"),
                    rs.getLong("published"),
                    rs.getLong("redeemed")))
        .list();
  }

  /** The distributions that published codes of a campaign. */
  List<String> publishersOf(ProjectId project, String campaignId) {
    return jdbc.sql(
            "select distribution_id from analytics_code_total"
                + " where project_id = :project and campaign_id = :campaign")
        .param("project", project.value())
        .param("campaign", campaignId)
        .query(String.class)
        .list();
  }

  private static Code code(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Code(
        rs.getString("distribution_id"),
        rs.getString("campaign_id"),
        Sql.instant(rs, "published_at"),
        rs.getInt("redemptions"),
        Sql.instant(rs, "redeemed_at"));
  }
}
