-- Idempotency-Key on POST: the first response is stored and replayed for 24 h.
create table idempotency_key (
  project_id    text not null,
  key           text not null,
  request_hash  text not null,
  status        int,
  content_type  text,
  response_body bytea,
  created_at    timestamptz not null,
  completed_at  timestamptz,
  primary key (project_id, key)
);
create index idempotency_key_created on idempotency_key (created_at);
