-- Customer segments (segments module). A static segment is a fixed list; a filter segment
-- ('auto-update' = active, 'passive') keeps its membership current: an initial set-based sync in
-- keyset batches, then one re-evaluation per change of a customer (event log consumer), and a
-- daily sweep for filters with relative dates. Membership rows are the single source of truth for
-- customer.segment.entered / .left: an event is appended only for a row this transaction inserted
-- or deleted, so each real transition is reported exactly once.
create table segment (
  id                  text primary key,
  project_id          text not null,
  name                text not null,
  type                text not null check (type in ('static', 'auto-update', 'passive')),
  filter              jsonb,
  -- uses relative date operators ($next_month, ..._days_ago): re-evaluated by the daily sweep
  time_dependent      boolean not null default false,
  initial_sync_status text not null check (initial_sync_status in ('IN_PROGRESS', 'DONE')),
  -- while IN_PROGRESS: customers with id <= sync_cursor are synced (the consumer keeps them
  -- current); the rest belong to the sync. null = none yet.
  sync_cursor         text,
  -- a distribution uses it: active (emits entered/left) and locked
  activated_at        timestamptz,
  created_at          timestamptz not null,
  updated_at          timestamptz,
  deleted_at          timestamptz
);
create index segment_project on segment (project_id, created_at, id) where deleted_at is null;

create table segment_member (
  segment_id  text not null,
  customer_id text not null,
  project_id  text not null,
  entered_at  timestamptz not null,
  primary key (segment_id, customer_id)
);
-- "which segments is this customer in" and the per-customer re-evaluation
create index segment_member_customer on segment_member (customer_id, segment_id);

-- A metadata value as a calendar date: a plain date as is, a date-time as its date in the given
-- time zone; anything unparsable is null (one customer's odd metadata must not fail a query).
create function segment_date(value text, zone text) returns date
language plpgsql stable as $$
begin
  if value is null or value !~ '^\d{4}-\d{2}-\d{2}' then
    return null;
  end if;
  if value ~ '^\d{4}-\d{2}-\d{2}$' then
    return value::date;
  end if;
  return (value::timestamptz at time zone zone)::date;
exception when others then
  return null;
end $$;
