create table customer (
  id            text primary key,
  project_id    text not null,
  source_id     text,
  name          text,
  description   text,
  email         text,
  phone         text,
  birthdate     date,
  address       jsonb,
  metadata      jsonb not null default '{}',
  unsubscribed  boolean not null default false,
  consents      jsonb not null default '{}',
  -- read models kept current by the modules that own the facts (orders, redemptions, loyalty)
  summary       jsonb,
  loyalty       jsonb,
  referrals     jsonb,
  created_at    timestamptz not null,
  updated_at    timestamptz,
  deleted_at    timestamptz
);
create unique index customer_source_id on customer (project_id, source_id)
  where deleted_at is null and source_id is not null;
create index customer_created on customer (project_id, created_at desc, id) where deleted_at is null;
create index customer_email on customer (project_id, email) where deleted_at is null;
