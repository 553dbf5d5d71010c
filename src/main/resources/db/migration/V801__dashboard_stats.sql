-- The last background count of a large distribution's numbers (chart per range and zone, or "all"
-- for the campaign view's totals); small distributions are counted on every request instead.
create table dashboard_stats (
  project_id      text not null,
  distribution_id text not null,
  key             text not null,
  data            jsonb not null,
  computed_at     timestamptz not null,
  primary key (project_id, distribution_id, key)
);
