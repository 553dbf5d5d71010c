-- The spine: every business fact, appended in the transaction that made it true. It is the outbox,
-- the customer activity feed and the audit trail. Consumers never scan it by seq: each consumer
-- gets its own work_item per event, written in the same transaction as the event.
create table event_log (
  seq          bigserial primary key,
  id           text not null unique,
  project_id   text not null,
  type         text not null,
  customer_id  text,
  data         jsonb not null,
  group_id     text,
  channel      text not null default 'API',
  -- the distributions whose effects led to this event (loop guard), and how deep the chain is
  caused_by    text[] not null default '{}',
  depth        int not null default 0,
  created_at   timestamptz not null
);
create index event_log_customer on event_log (project_id, customer_id, seq desc);
create index event_log_project_time on event_log (project_id, created_at);
