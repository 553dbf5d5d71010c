-- What the messages of one queued batch hold in common (the trigger's event, the distribution),
-- stored once: a message's snapshot writes such a member as {"$shared": "<name>"} and names the
-- row in shared_of. Rows are never changed, so a reference is as much a snapshot as a copy.
create table message_shared (
  id         bigserial primary key,
  project_id text not null,
  context    json not null,
  created_at timestamptz not null
);
alter table message add column shared_of bigint;
