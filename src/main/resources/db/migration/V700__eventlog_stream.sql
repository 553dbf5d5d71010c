-- Gap-free reading of the log for live streams. Rows are read in (tx, seq) order and only from
-- transactions older than every transaction still running (pg_snapshot_xmin): a transaction that
-- commits late always sorts after what readers already saw, so a resumed stream has no holes.
alter table event_log
  add column tx xid8 not null default pg_current_xact_id(),
  add column distribution_id text;
create index event_log_stream on event_log (project_id, tx, seq);
create index event_log_distribution on event_log (project_id, distribution_id, tx, seq)
  where distribution_id is not null;
