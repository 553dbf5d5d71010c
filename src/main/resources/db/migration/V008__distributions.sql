create table distribution (
  id          text primary key,
  project_id  text not null,
  name        text,
  status      text not null,
  trigger_type text,
  trigger     jsonb not null default '{}',
  audience    jsonb,
  action      jsonb,
  time_frame  jsonb,
  -- the last time it went live: events created before it (e.g. while paused) never fire it
  live_since  timestamptz,
  created_at  timestamptz not null,
  updated_at  timestamptz,
  deleted_at  timestamptz
);
create index distribution_live on distribution (project_id, trigger_type) where status = 'LIVE';
create index distribution_list on distribution (project_id, created_at desc) where deleted_at is null;
