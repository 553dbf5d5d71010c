-- Campaigns, their promotion tiers and codes (vouchers). A campaign's `voucher` column is the
-- template every code of the campaign is made from; a voucher copies what it needs at creation.
create table campaign (
  id                     text primary key,
  project_id             text not null,
  name                   text not null,
  description            text,
  campaign_type          text not null,
  type                   text not null,
  join_once              boolean not null default false,
  auto_join              boolean not null default false,
  voucher                jsonb,
  referral_program       jsonb,
  start_date             timestamptz,
  expiration_date        timestamptz,
  validity_timeframe     jsonb,
  validity_day_of_week   jsonb,
  validity_hours         jsonb,
  activity_duration_after_publishing text,
  category               text,
  metadata               jsonb not null default '{}',
  active                 boolean not null default true,
  vouchers_target        int not null default 0,
  generation_status      text not null default 'DONE',
  created_at             timestamptz not null,
  updated_at             timestamptz,
  deleted_at             timestamptz
);
create unique index campaign_name on campaign (project_id, name) where deleted_at is null;
create index campaign_created on campaign (project_id, created_at desc) where deleted_at is null;

create table promotion_tier (
  id                   text primary key,
  project_id           text not null,
  campaign_id          text not null,
  name                 text not null,
  banner               text,
  action               jsonb not null,
  metadata             jsonb not null default '{}',
  hierarchy            int not null,
  active               boolean not null default true,
  start_date           timestamptz,
  expiration_date      timestamptz,
  validity_timeframe   jsonb,
  validity_day_of_week jsonb,
  validity_hours       jsonb,
  redeemed_count       int not null default 0,
  created_at           timestamptz not null,
  updated_at           timestamptz,
  deleted_at           timestamptz
);
create index promotion_tier_campaign on promotion_tier (campaign_id, hierarchy) where deleted_at is null;

create table voucher (
  id                   text primary key,
  project_id           text not null,
  campaign_id          text,
  code                 text not null,
  type                 text not null,
  category             text,
  discount             jsonb,
  gift_amount          bigint,
  gift_balance         bigint,
  gift_effect          text,
  start_date           timestamptz,
  expiration_date      timestamptz,
  validity_timeframe   jsonb,
  validity_day_of_week jsonb,
  validity_hours       jsonb,
  active               boolean not null default true,
  additional_info      text,
  metadata             jsonb not null default '{}',
  is_referral_code     boolean not null default false,
  holder_id            text,
  published_at         timestamptz,
  publish_count        int not null default 0,
  redemption_quantity  int,
  redeemed_quantity    int not null default 0,
  -- unguessable key of the public QR/barcode image URLs
  asset_key            text not null unique,
  -- generation order: publishing hands out the oldest free code first
  seq                  bigserial,
  created_at           timestamptz not null,
  updated_at           timestamptz,
  deleted_at           timestamptz,
  constraint gift_never_negative check (gift_balance is null or gift_balance >= 0),
  constraint quantity_respected check (redemption_quantity is null or redeemed_quantity <= redemption_quantity)
);
-- codes are unique in the project (campaign codes and standalone codes alike)
create unique index voucher_code on voucher (project_id, code) where deleted_at is null;
-- the pool a publication reserves from: free, live codes of a campaign in generation order
create index voucher_free on voucher (campaign_id, seq) where holder_id is null and deleted_at is null;
create index voucher_campaign on voucher (campaign_id) where deleted_at is null;
create index voucher_holder on voucher (project_id, holder_id) where holder_id is not null;
create index voucher_created on voucher (project_id, created_at desc) where deleted_at is null;
