-- The channels of a distribution (owner_id): settings and ACTIVE/PAUSED state.
create table channel (
  id          text primary key,
  project_id  text not null,
  owner_id    text not null,
  position    int not null,
  type        text not null,
  config      jsonb not null,
  status      text not null default 'ACTIVE',
  created_at  timestamptz not null,
  updated_at  timestamptz,
  deleted_at  timestamptz
);
create index channel_owner on channel (project_id, owner_id) where deleted_at is null;

-- One small row per message: a variable snapshot, not rendered content. The unique key makes
-- "one message per (channel, trigger, customer)" a fact of the schema.
create table message (
  id              text primary key,
  project_id      text not null,
  owner_id        text not null,
  channel_id      text not null,
  channel_type    text not null,
  customer_id     text not null,
  trigger_id      text not null,
  status          text not null,
  reason          text,
  attempts        int not null default 0,
  failed_attempts int not null default 0,
  next_attempt_at timestamptz,
  locked_by       text,
  locked_until    timestamptz,
  context         jsonb not null,
  voucher_code    text,
  last_error      text,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  delivered_at    timestamptz,
  unique (channel_id, trigger_id, customer_id)
);
create index message_due on message (next_attempt_at) where status in ('QUEUED', 'RETRY_SCHEDULED');
create index message_leased on message (locked_until) where status = 'SENDING';
create index message_owner on message (project_id, owner_id, created_at desc);
create index message_held on message (project_id, owner_id) where status = 'HELD';

create table message_attempt (
  id          bigserial primary key,
  message_id  text not null,
  project_id  text not null,
  attempt     int not null,
  started_at  timestamptz not null,
  duration_ms bigint not null,
  status_code int,
  outcome     text not null,
  error       text,
  response    text
);
create index message_attempt_message on message_attempt (message_id);
