-- Project message limits: a message counts once, on its first send (each channel is one message).
alter table message add column counted boolean not null default false;

-- Per project and period (D:2026-11-02 / M:2026-11 in the project's time zone): messages sent. Checked
-- and raised in one statement per batch, never a COUNT(*) over messages on the hot path.
create table message_counter (
  project_id text not null,
  period     text not null,
  count      bigint not null default 0,
  primary key (project_id, period)
);

-- Token buckets for per-channel rate limits, shared by every node.
create table rate_bucket (
  key         text primary key,
  tokens      double precision not null,
  refilled_at timestamptz not null
);

-- What the sandbox SMTP server and the SMS sandbox received (GET /v1/sandbox/messages).
create table sandbox_message (
  id          bigserial primary key,
  project_id  text,
  channel     text not null,
  message_id  text,
  to_address  text not null,
  from_address text,
  subject     text,
  text        text,
  html        text,
  headers     jsonb not null default '{}',
  received_at timestamptz not null
);
create index sandbox_message_project on sandbox_message (project_id, channel, id desc);
create index sandbox_message_received on sandbox_message (received_at);

-- Held messages are released oldest first.
drop index if exists message_held;
create index message_held on message (project_id, owner_id, created_at) where status = 'HELD';

-- The dispatcher claims per channel type (each type has its own room on a node), oldest due first.
drop index if exists message_due;
create index message_due on message (channel_type, next_attempt_at)
  where status in ('QUEUED', 'RETRY_SCHEDULED');
drop index if exists message_leased;
create index message_leased on message (channel_type, locked_until) where status = 'SENDING';
