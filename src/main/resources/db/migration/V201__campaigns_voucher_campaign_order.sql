-- The codes of a campaign in generation order. Publishing takes the oldest free code
-- (`order by seq limit n for update skip locked`). With only (campaign_id) indexed, a campaign
-- whose codes were made after the table's statistics were last gathered looks like one row to
-- the planner, which then reads the whole campaign through this index and sorts it on disk —
-- 250 ms per publication at 100,000 codes, until autoanalyze catches up. With seq in the key
-- every index on the campaign returns its codes already ordered, whatever the statistics say.
drop index voucher_campaign;
create index voucher_campaign on voucher (campaign_id, seq) where deleted_at is null;
