create table orders (
  id               text primary key,
  project_id       text not null,
  source_id        text,
  status           text not null,
  amount           bigint,
  initial_amount   bigint,
  discount_amount  bigint,
  items            jsonb not null default '[]',
  metadata         jsonb not null default '{}',
  customer_id      text,
  referrer_id      text,
  redemptions      jsonb not null default '{}',
  created_at       timestamptz not null,
  updated_at       timestamptz
);
create unique index orders_source_id on orders (project_id, source_id) where source_id is not null;
create index orders_created on orders (project_id, created_at desc);
create index orders_customer on orders (project_id, customer_id);
