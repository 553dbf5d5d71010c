-- work_item is a queue: every row is inserted, claimed (updated) and deleted within seconds, so its
-- dead rows pile up at the front of work_item_due, where every claim scans. The default autovacuum
-- trigger (20% of the table changed) lets a backlog of thousands of dead rows stand; vacuum it after a
-- fixed number of changes instead, without throttling. The claim orders by (run_at, id): the index
-- serves that order whole.
alter table work_item set (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 2000,
  autovacuum_vacuum_cost_delay = 0,
  autovacuum_analyze_scale_factor = 0,
  autovacuum_analyze_threshold = 2000,
  fillfactor = 70
);
drop index work_item_due;
create index work_item_due on work_item (queue, run_at, id) where dead_at is null;
