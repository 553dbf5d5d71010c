create table custom_event (
  id          text primary key,
  project_id  text not null,
  customer_id text not null,
  name        text not null,
  metadata    jsonb not null default '{}',
  referral    jsonb,
  loyalty     jsonb,
  created_at  timestamptz not null
);
create index custom_event_customer on custom_event (project_id, customer_id, name);

-- Per customer and event name: how many and when last; kept in the same transaction as the insert.
create table custom_event_count (
  project_id  text not null,
  customer_id text not null,
  name        text not null,
  count       bigint not null,
  last_at     timestamptz not null,
  primary key (project_id, customer_id, name)
);
