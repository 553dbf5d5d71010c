-- A publication hands one or more codes of a campaign (or one given code) to a customer.
-- source_id and the caller's idempotency key make a retried publication return the same result.
create table publication (
  id               text primary key,
  project_id       text not null,
  campaign_id      text,
  customer_id      text not null,
  tracking_id      text,
  source_id        text,
  idempotency_key  text,
  channel          text not null,
  metadata         jsonb not null default '{}',
  voucher_ids      text[] not null,
  codes            text[] not null,
  join_once        boolean not null default false,
  created_at       timestamptz not null
);
create unique index publication_source_id on publication (project_id, source_id) where source_id is not null;
create unique index publication_idempotency on publication (project_id, idempotency_key)
  where idempotency_key is not null;
create index publication_member on publication (project_id, campaign_id, customer_id);
create index publication_created on publication (project_id, created_at desc);

create table redemption (
  id                   text primary key,
  project_id           text not null,
  parent_id            text,
  customer_id          text,
  tracking_id          text,
  order_id             text,
  related_object_type  text not null,
  related_object_id    text,
  voucher_id           text,
  voucher_code         text,
  promotion_tier_id    text,
  campaign_id          text,
  amount               bigint not null default 0,
  gift_amount          bigint,
  result               text not null,
  status               text not null,
  failure_code         text,
  failure_message      text,
  metadata             jsonb not null default '{}',
  channel              jsonb,
  order_snapshot       jsonb,
  rollback_id          text,
  created_at           timestamptz not null
);
create index redemption_project on redemption (project_id, created_at desc);
create index redemption_voucher on redemption (voucher_id, created_at desc);
create index redemption_campaign on redemption (campaign_id, created_at) where result = 'SUCCESS';
create index redemption_customer on redemption (project_id, customer_id);
create index redemption_parent on redemption (parent_id) where parent_id is not null;

create table redemption_rollback (
  id             text primary key,
  project_id     text not null,
  redemption_id  text not null unique,
  reason         text,
  tracking_id    text,
  customer_id    text,
  amount         bigint not null default 0,
  gift_amount    bigint,
  metadata       jsonb not null default '{}',
  created_at     timestamptz not null
);

-- Every change of a gift card's balance (Voucherify's voucher transactions).
create table voucher_transaction (
  id              text primary key,
  project_id      text not null,
  voucher_id      text not null,
  source_id       text,
  type            text not null,
  amount          bigint not null,
  balance         bigint not null,
  reason          text,
  related_object  jsonb,
  created_at      timestamptz not null
);
create index voucher_transaction_voucher on voucher_transaction (voucher_id, created_at desc);
create unique index voucher_transaction_source on voucher_transaction (voucher_id, source_id)
  where source_id is not null;
