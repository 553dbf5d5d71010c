-- The generic task queue behind every background job except message delivery (shared.work.TaskQueue).
-- A row is claimed with FOR UPDATE SKIP LOCKED and leased (locked_until); a node that dies loses
-- nothing: its lease expires and another node claims the row.
create table work_item (
  id           bigserial primary key,
  queue        text not null,
  project_id   text,
  key          text not null,
  payload      jsonb not null default '{}',
  run_at       timestamptz not null,
  locked_until timestamptz,
  locked_by    text,
  attempts     int not null default 0,
  last_error   text,
  dead_at      timestamptz,
  created_at   timestamptz not null,
  unique (queue, key)
);
create index work_item_due on work_item (queue, run_at) where dead_at is null;
