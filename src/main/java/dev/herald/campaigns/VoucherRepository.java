package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

@Repository
class VoucherRepository {

  private static final String COLUMNS =
      """
      id, project_id, campaign_id, code, type, category, discount, gift_amount, gift_balance,
      gift_effect, start_date, expiration_date, validity_timeframe, validity_day_of_week,
      validity_hours, active, additional_info, metadata, is_referral_code, holder_id,
      redemption_quantity, asset_key, created_at
      """;

  /**
   * The tail of a statement whose CTE {@code v} inserted codes: a campaign's code without a holder
   * goes into its pool, a code with one into its holder's codes (V912).
   */
  private static final String POOLED_AND_HELD =
      """
      pooled as (
        insert into voucher_pool (campaign_id, seq, voucher_id)
        select campaign_id, seq, id from v where campaign_id is not null and holder_id is null),
      held as (
        insert into voucher_holding (project_id, holder_id, voucher_id)
        select project_id, holder_id, id from v where holder_id is not null)
      """;

  /**
   * The tail of a statement whose CTE {@code v} gave codes their holder: adds them to their
   * holder's codes (a code published again to its holder is there already).
   */
  private static final String HELD =
      """
      held as (
        insert into voucher_holding (project_id, holder_id, voucher_id)
        select project_id, holder_id, id from v
        on conflict do nothing)
      """;

  /** The codes held by {@code :h} in project {@code :p}, as a condition on {@code voucher}. */
  private static final String HELD_BY =
      "id in (select voucher_id from voucher_holding where project_id = :p and holder_id = :h)";

  /** Counter rows per campaign (see {@code V200__campaigns_voucher_counters.sql}). */
  static final int COUNT_SLOTS = 8;

  private final JdbcClient jdbc;

  VoucherRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts unless the code is taken in the project (then empty). */
  Optional<Voucher> insert(Voucher v) {
    Optional<Voucher> inserted =
        jdbc.sql(
                "with v as (insert into voucher ("
                    + COLUMNS
                    + """
                ) values (:id, :p, :campaign, :code, :type, :category, cast(:discount as jsonb),
                  :giftAmount, :giftBalance, :giftEffect, :start, :end, cast(:timeframe as jsonb),
                  cast(:days as jsonb), cast(:hours as jsonb), :active, :info,
                  cast(:metadata as jsonb), :referral, :holder, :quantity, :assetKey, :at)
                on conflict (project_id, code) where deleted_at is null do nothing
                returning *),
                """
                    + POOLED_AND_HELD
                    + " select * from v")
            .params(params(v))
            .query(VoucherRepository::map)
            .optional();
    if (inserted.isPresent() && v.campaignId() != null) {
      addToCount(v.campaignId(), 1);
    }
    return inserted;
  }

  /**
   * Inserts many codes made from one template in one statement; codes already taken are skipped.
   * Returns how many were inserted.
   */
  int insertBatch(Voucher template, List<String> ids, List<String> codes, List<String> keys) {
    Map<String, Object> p = params(template);
    p.put("ids", Sql.textArray(ids));
    p.put("codes", Sql.textArray(codes));
    p.put("keys", Sql.textArray(keys));
    int inserted =
        jdbc.sql(
                "with v as (insert into voucher ("
                    + COLUMNS
                    + """
                ) select n.id, :p, :campaign, n.code, :type, :category, cast(:discount as jsonb),
                  :giftAmount, :giftBalance, :giftEffect, :start, :end, cast(:timeframe as jsonb),
                  cast(:days as jsonb), cast(:hours as jsonb), :active, :info,
                  cast(:metadata as jsonb), :referral, :holder, :quantity, n.key, :at
                from unnest(cast(:ids as text[]), cast(:codes as text[]), cast(:keys as text[]))
                  as n(id, code, key)
                on conflict (project_id, code) where deleted_at is null do nothing
                returning *),
                """
                    + POOLED_AND_HELD
                    + " select count(*) from v")
            .params(p)
            .query(Integer.class)
            .single();
    if (inserted > 0 && template.campaignId() != null) {
      addToCount(template.campaignId(), inserted);
    }
    return inserted;
  }

  /**
   * Adds {@code delta} to a campaign's code count, in the caller's transaction. The slot is chosen
   * by transaction id: parallel writers mostly land on different rows and do not queue, and one
   * transaction only ever holds one counter row of a campaign, so two of them cannot deadlock on
   * these rows.
   */
  private void addToCount(String campaignId, long delta) {
    jdbc.sql(
            """
            insert into campaign_voucher_count (campaign_id, slot, vouchers)
            values (:c, cast(txid_current() % :slots as smallint), :delta)
            on conflict (campaign_id, slot)
              do update set vouchers = campaign_voucher_count.vouchers + excluded.vouchers
            """)
        .param("c", campaignId)
        .param("slots", COUNT_SLOTS)
        .param("delta", delta)
        .update();
  }

  private static Map<String, Object> params(Voucher v) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", v.id());
    m.put("p", v.projectId().value());
    m.put("campaign", v.campaignId());
    m.put("code", v.code());
    m.put("type", v.type());
    m.put("category", v.category());
    m.put("discount", Json.write(v.discount()));
    m.put("giftAmount", v.giftAmount());
    m.put("giftBalance", v.giftBalance());
    m.put("giftEffect", v.giftEffect());
    m.put("start", Sql.ts(v.validity().startDate()));
    m.put("end", Sql.ts(v.validity().expirationDate()));
    m.put("timeframe", Json.write(v.validity().timeframe()));
    m.put("days", Json.write(v.validity().dayOfWeek()));
    m.put("hours", Json.write(v.validity().hours()));
    m.put("active", v.active());
    m.put("info", v.additionalInfo());
    m.put("metadata", Json.write(v.metadata()));
    m.put("referral", v.referralCode());
    m.put("holder", v.holderId());
    m.put("quantity", v.redemptionQuantity());
    m.put("assetKey", v.assetKey());
    m.put("at", Sql.ts(v.createdAt()));
    return m;
  }

  void update(Voucher v) {
    jdbc.sql(
            """
            update voucher set category = :category, discount = cast(:discount as jsonb),
              gift_amount = :giftAmount, gift_effect = :giftEffect, start_date = :start,
              expiration_date = :end, validity_timeframe = cast(:timeframe as jsonb),
              validity_day_of_week = cast(:days as jsonb), validity_hours = cast(:hours as jsonb),
              active = :active, additional_info = :info, metadata = cast(:metadata as jsonb),
              redemption_quantity = :quantity, updated_at = :updated
            where id = :id
            """)
        .params(params(v))
        .param("updated", Sql.ts(v.updatedAt()))
        .update();
  }

  void softDelete(String id, Instant at) {
    unpool(id);
    jdbc
        .sql(
            "update voucher set deleted_at = :at where id = :id and deleted_at is null"
                + " returning campaign_id")
        .param("at", Sql.ts(at))
        .param("id", id)
        .query((rs, i) -> rs.getString(1))
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .forEach(campaignId -> addToCount(campaignId, -1));
  }

  /**
   * Takes a code out of its campaign's pool, before the caller changes the code: the order a
   * reservation takes them in (entry, then code), so the two cannot deadlock; a reservation holding
   * the entry finishes first, and the caller then sees what it did to the code.
   */
  private void unpool(String id) {
    jdbc.sql(
            "delete from voucher_pool q using voucher v"
                + " where v.id = :id and q.campaign_id = v.campaign_id and q.seq = v.seq")
        .param("id", id)
        .update();
  }

  void softDeleteCampaign(String campaignId, Instant at) {
    jdbc.sql("delete from voucher_pool where campaign_id = :c").param("c", campaignId).update();
    jdbc.sql("update voucher set deleted_at = :at where campaign_id = :c and deleted_at is null")
        .param("at", Sql.ts(at))
        .param("c", campaignId)
        .update();
    jdbc.sql("delete from campaign_voucher_count where campaign_id = :c")
        .param("c", campaignId)
        .update();
  }

  Optional<Voucher> byCode(ProjectId project, String code, boolean lock) {
    return jdbc.sql(
            "select * from voucher where project_id = :p and code = :code and deleted_at is null"
                + (lock ? " for update" : ""))
        .param("p", project.value())
        .param("code", code)
        .query(VoucherRepository::map)
        .optional();
  }

  Optional<Voucher> byIdOrCode(ProjectId project, String key) {
    return jdbc.sql(
            "select * from voucher where project_id = :p and deleted_at is null"
                + " and (id = :k or code = :k) limit 1")
        .param("p", project.value())
        .param("k", key)
        .query(VoucherRepository::map)
        .optional();
  }

  List<Voucher> heldBy(ProjectId project, String customerId, String campaignId) {
    return jdbc.sql(
            "select * from voucher where project_id = :p and "
                + HELD_BY
                + " and campaign_id = :c and deleted_at is null order by published_at, seq")
        .param("p", project.value())
        .param("h", customerId)
        .param("c", campaignId)
        .query(VoucherRepository::map)
        .list();
  }

  List<Voucher> referralCodesOf(ProjectId project, String customerId) {
    return jdbc.sql(
            "select * from voucher where project_id = :p and "
                + HELD_BY
                + " and is_referral_code and deleted_at is null order by published_at, seq")
        .param("p", project.value())
        .param("h", customerId)
        .query(VoucherRepository::map)
        .list();
  }

  Optional<Voucher> byAssetKey(String key) {
    return jdbc.sql("select * from voucher where asset_key = :k and deleted_at is null")
        .param("k", key)
        .query(VoucherRepository::map)
        .optional();
  }

  List<Voucher> byIds(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from voucher where id in (:ids) order by seq")
        .param("ids", ids)
        .query(VoucherRepository::map)
        .list();
  }

  /**
   * Reserves up to {@code n} free codes of a campaign for {@code holder}, in pool order; rows
   * another transaction is reserving are skipped, never waited for or shared: two publishers never
   * get one code.
   */
  List<Voucher> reserve(String campaignId, String holder, int n, Instant now, Instant expiresAt) {
    return reserveFor(campaignId, java.util.Collections.nCopies(n, holder), now, expiresAt).stream()
        .sorted(java.util.Comparator.comparingInt(Reserved::index))
        .map(Reserved::voucher)
        .toList();
  }

  /**
   * Where each campaign's last reservation on this node stopped (the highest {@code seq} it took),
   * for the campaigns reserved from most recently. Reserved codes leave dead entries in {@code
   * voucher_pool}'s index until vacuum, at the front of the order a reservation scans: starting
   * after the last one keeps a bulk send's thousandth batch as cheap as its first.
   */
  private final Map<String, PoolCursor> cursors =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PoolCursor> eldest) {
              return size() > CURSORS;
            }
          });

  private static final int CURSORS = 1_024;

  /** A campaign's place in its pool on this node; its monitor orders the node's reservations. */
  private static final class PoolCursor {
    long reservedUpTo;
  }

  /**
   * Reserves one free code of a campaign for each of {@code holders}: free codes are picked in
   * {@code seq} order from where this node's last reservation of the campaign stopped, then — when
   * those run short — from the start (codes freed again, or skipped while another transaction held
   * them), skipping and never waiting for codes other transactions are reserving. The n-th picked
   * goes to the n-th holder. Returns the codes reserved with the index of their holder in {@code
   * holders}; fewer than the holders when the pool runs short (the last get none).
   *
   * <p>The node's reservations from one campaign run one after the other (the statement only; the
   * codes stay locked until each caller commits): the next starts after the codes the last took,
   * instead of scanning and skipping them while their batch is still open. The statement never
   * waits for a row lock, so holding the turn cannot deadlock.
   */
  List<Reserved> reserveFor(
      String campaignId, List<String> holders, Instant now, Instant expiresAt) {
    PoolCursor cursor = cursors.computeIfAbsent(campaignId, k -> new PoolCursor());
    synchronized (cursor) {
      long after = cursor.reservedUpTo;
      List<Reserved> got =
          new ArrayList<>(reserveAfter(campaignId, holders, now, expiresAt, after));
      if (got.size() < holders.size() && after > 0) {
        // the holders left without a code (the last ones, or one whose code was deleted or
        // published by another transaction meanwhile), from the start of the pool
        boolean[] served = new boolean[holders.size()];
        got.forEach(r -> served[r.index()] = true);
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < served.length; i++) {
          if (!served[i]) {
            left.add(i);
          }
        }
        for (Reserved r :
            reserveAfter(
                campaignId, left.stream().map(holders::get).toList(), now, expiresAt, 0L)) {
          got.add(new Reserved(left.get(r.index()), r.voucher(), r.seq()));
        }
      }
      got.stream()
          .mapToLong(Reserved::seq)
          .max()
          .ifPresent(max -> cursor.reservedUpTo = Math.max(cursor.reservedUpTo, max));
      return got;
    }
  }

  /**
   * Takes pool entries after {@code after} (locked, skipping those other transactions hold) whose
   * codes are still free and usable, deletes them and gives the n-th code to the n-th holder, in
   * place (no index of the voucher names what changes), and adds it to the holder's codes. A code
   * deleted or published by another transaction between the pick and the update is not given (its
   * holder gets none here), and its entry goes.
   */
  private List<Reserved> reserveAfter(
      String campaignId, List<String> holders, Instant now, Instant expiresAt, long after) {
    return jdbc.sql(
            """
            with picked as (
              select p.entry, p.n from unnest(array(
                select q.ctid from voucher_pool q
                  -- a lateral probe with a limit stays one look-up by key per entry; an exists
                  -- was planned as a hash join over every code of every campaign
                  cross join lateral (select from voucher f where f.id = q.voucher_id
                    and f.holder_id is null and f.deleted_at is null and f.active
                    and (f.expiration_date is null or f.expiration_date > :now) limit 1) usable
                where q.campaign_id = :c and q.seq > :after
                order by q.seq
                limit :n
                for update of q skip locked)) with ordinality as p(entry, n)),
            -- the entries just locked, by their place in the table: no plan to go wrong
            freed as (
              delete from voucher_pool q using picked where q.ctid = picked.entry
              returning q.voucher_id, picked.n),
            holders as (
              select h.holder, h.n
              from unnest(cast(:holders as text[])) with ordinality as h(holder, n)),
            v as (
              update voucher v set holder_id = holders.holder,
                published_at = :now, publish_count = v.publish_count + 1, updated_at = :now,
                expiration_date = case when cast(:exp as timestamptz) is null then v.expiration_date
                  else least(coalesce(v.expiration_date, :exp), :exp) end
              from freed join holders on holders.n = freed.n
              where v.id = freed.voucher_id and v.holder_id is null and v.deleted_at is null
              returning v.*, freed.n as holder_index),
            """
                + HELD
                + " select * from v")
        .param("holders", Sql.textArray(holders))
        .param("now", Sql.ts(now))
        .param("exp", Sql.ts(expiresAt))
        .param("c", campaignId)
        .param("n", holders.size())
        .param("after", after)
        .query(
            (rs, i) -> new Reserved(rs.getInt("holder_index") - 1, map(rs, i), rs.getLong("seq")))
        .list();
  }

  /**
   * A code reserved by {@link #reserveFor} for the holder at {@code index}; {@code seq} its order.
   */
  record Reserved(int index, Voucher voucher, long seq) {}

  /** Publishes one given code: succeeds only while it has no holder (or already this holder). */
  Optional<Voucher> publishCode(String id, String holder, Instant now, Instant expiresAt) {
    unpool(id);
    return jdbc.sql(
            """
            with v as (
              update voucher set holder_id = :holder, published_at = coalesce(published_at, :now),
                publish_count = publish_count + 1, updated_at = :now,
                expiration_date = case when cast(:exp as timestamptz) is null then expiration_date
                  else least(coalesce(expiration_date, :exp), :exp) end
              where id = :id and (holder_id is null or holder_id = :holder)
              returning *),
            """
                + HELD
                + " select * from v")
        .param("holder", holder)
        .param("now", Sql.ts(now))
        .param("exp", Sql.ts(expiresAt))
        .param("id", id)
        .query(VoucherRepository::map)
        .optional();
  }

  /** Takes one redemption; false when the quantity is used up. */
  boolean takeRedemption(String id) {
    return jdbc.sql(
                """
                update voucher set redeemed_quantity = redeemed_quantity + 1
                where id = :id
                  and (redemption_quantity is null or redeemed_quantity < redemption_quantity)
                """)
            .param("id", id)
            .update()
        == 1;
  }

  void giveBackRedemption(String id) {
    jdbc.sql(
            "update voucher set redeemed_quantity = greatest(0, redeemed_quantity - 1)"
                + " where id = :id")
        .param("id", id)
        .update();
  }

  /**
   * Changes a gift card's balance by {@code delta}; a manual adjustment also changes the loaded
   * amount. The new balance, or empty when the balance would go below zero (nothing changes).
   */
  Optional<Long> changeBalance(String id, long delta, boolean manual, Instant now) {
    return jdbc.sql(
            """
            update voucher set gift_balance = gift_balance + :delta,
              gift_amount = gift_amount + (case when :manual then :delta else 0 end),
              updated_at = :now
            where id = :id and gift_balance + :delta >= 0
            returning gift_balance
            """)
        .param("delta", delta)
        .param("manual", manual)
        .param("now", Sql.ts(now))
        .param("id", id)
        .query(Long.class)
        .optional();
  }

  /** The campaign's live codes: the sum of its counter slots (see {@link #addToCount}). */
  /**
   * Refreshes the planner's statistics of the code pool, after a campaign's codes were generated:
   * the reservation's plan (the pool in order, from where the last stopped) depends on them, and a
   * pool that grew from empty by a million entries would otherwise be planned as nearly empty until
   * autovacuum gets to it (a sort of every entry, each checked, per batch).
   */
  void analyzePool() {
    jdbc.sql("analyze voucher_pool").update();
  }

  long countInCampaign(String campaignId) {
    return jdbc.sql(
            "select coalesce(sum(vouchers), 0) from campaign_voucher_count where campaign_id = :c")
        .param("c", campaignId)
        .query(Long.class)
        .single();
  }

  long freeInCampaign(String campaignId) {
    return jdbc.sql(
            "select count(*) from voucher_pool q join voucher v on v.id = q.voucher_id"
                + " where q.campaign_id = :c and v.holder_id is null and v.deleted_at is null"
                + " and v.active")
        .param("c", campaignId)
        .query(Long.class)
        .single();
  }

  /** Credits still on the gift cards a customer holds. */
  long giftBalanceOf(ProjectId project, String customerId) {
    return jdbc.sql(
            "select coalesce(sum(gift_balance), 0) from voucher where project_id = :p and "
                + HELD_BY
                + " and deleted_at is null and gift_balance is not null")
        .param("p", project.value())
        .param("h", customerId)
        .query(Long.class)
        .single();
  }

  List<Voucher> list(ProjectId project, VoucherQuery q, int limit, int offset) {
    return jdbc.sql(
            "select * from voucher where "
                + q.where()
                + " order by created_at "
                + (q.ascending() ? "asc" : "desc")
                + ", seq limit :limit offset :offset")
        .params(q.params(project))
        .param("limit", limit)
        .param("offset", offset)
        .query(VoucherRepository::map)
        .list();
  }

  long count(ProjectId project, VoucherQuery q) {
    return jdbc.sql("select count(*) from voucher where " + q.where())
        .params(q.params(project))
        .query(Long.class)
        .single();
  }

  static Voucher map(ResultSet rs, int i) throws SQLException {
    return new Voucher(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("campaign_id"),
        rs.getString("code"),
        rs.getString("type"),
        rs.getString("category"),
        CampaignRepository.nullable(rs.getString("discount")),
        rs.getObject("gift_amount", Long.class),
        rs.getObject("gift_balance", Long.class),
        rs.getString("gift_effect"),
        new Validity(
            Sql.instant(rs, "start_date"),
            Sql.instant(rs, "expiration_date"),
            CampaignRepository.nullable(rs.getString("validity_timeframe")),
            CampaignRepository.nullable(rs.getString("validity_day_of_week")),
            CampaignRepository.nullable(rs.getString("validity_hours"))),
        rs.getBoolean("active"),
        rs.getString("additional_info"),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        rs.getBoolean("is_referral_code"),
        rs.getString("holder_id"),
        Sql.instant(rs, "published_at"),
        rs.getInt("publish_count"),
        rs.getObject("redemption_quantity", Integer.class),
        rs.getInt("redeemed_quantity"),
        rs.getString("asset_key"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
