-- A code's publication updates its row in place (a "HOT" update: the new version on the same page,
-- no index entry written) instead of writing an entry into each of the voucher's indexes. PostgreSQL
-- can do that only when no index names a column the update changes, in its key or its predicate.
-- The publication sets holder_id, which two indexes named; they are replaced by tables of their own:
--
-- * voucher_pool: a campaign's free codes in the order they are handed out (replaces the partial
--   index voucher_free). A reservation deletes the entries it takes; a code is in the pool from its
--   creation (in a campaign, without a holder) until it is published or deleted.
-- * voucher_holding: the codes each customer holds (replaces the index voucher_holder). A row is
--   added when a code gets its holder; a code's holder never changes after that.
--
-- The voucher table leaves half of each new page free, so each code's publication finds room on
-- its own page.
drop index voucher_free;
drop index voucher_holder;

create table voucher_pool (
  campaign_id text not null,
  seq         bigint not null,
  voucher_id  text not null,
  primary key (campaign_id, seq)
);
insert into voucher_pool (campaign_id, seq, voucher_id)
select campaign_id, seq, id from voucher
where campaign_id is not null and holder_id is null and deleted_at is null;

-- a queue: entries are taken from its front, so vacuum it after a fixed number of changes
alter table voucher_pool set (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 10000,
  autovacuum_vacuum_cost_delay = 0
);

create table voucher_holding (
  project_id text not null,
  holder_id  text not null,
  voucher_id text not null,
  primary key (project_id, holder_id, voucher_id)
);
insert into voucher_holding (project_id, holder_id, voucher_id)
select project_id, holder_id, id from voucher where holder_id is not null;

alter table voucher set (fillfactor = 50);
