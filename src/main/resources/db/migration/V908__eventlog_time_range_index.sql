-- The activity's time filter (created_at from/to) is the only reader of event_log_project_time, a
-- b-tree entry on every event appended (about three per recipient of a send). Events are appended
-- in time order, so a block-range index on created_at finds a time window as well: one summary per
-- 128 pages instead of an entry per row, and the project filter is checked on the rows it finds.
drop index if exists event_log_project_time;
-- autosummarize: a range filled since the last vacuum is summarized as soon as it is full, instead of
-- being read whole by every time-window query until then.
create index event_log_time on event_log using brin (created_at) with (autosummarize = on);
