-- How many live codes each campaign has, kept in the transaction that adds or deletes codes, so a
-- campaign's `vouchers_count` (in every campaign JSON, every publication event, the generation
-- loop) is a read of a few rows instead of a count over up to a million vouchers. The count is
-- spread over slots so that parallel AUTO_UPDATE publications, each adding one code, do not queue
-- on one counter row; the campaign's count is the sum of its slots.
create table campaign_voucher_count (
  campaign_id  text not null,
  slot         smallint not null,
  vouchers     bigint not null,
  primary key (campaign_id, slot)
);

insert into campaign_voucher_count (campaign_id, slot, vouchers)
select campaign_id, 0, count(*) from voucher
where campaign_id is not null and deleted_at is null
group by campaign_id;
