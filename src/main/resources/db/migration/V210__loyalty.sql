-- Loyalty programs and referrals. A loyalty card is a campaigns `voucher` of type LOYALTY_CARD;
-- this module keeps what a card adds: its points, the ledger of every change, the buckets that
-- expire, and its tier.

-- A program's own settings (the campaign itself is a campaigns `campaign`).
create table loyalty_program (
  campaign_id        text primary key,
  project_id         text not null,
  tiers_expiration   jsonb
);

-- One row per card that has been touched (made on first use from the campaign's template).
-- balance is always the sum of the card's loyalty_transaction.points.
create table loyalty_card (
  voucher_id       text primary key,
  project_id       text not null,
  campaign_id      text not null,
  code             text not null,
  holder_id        text,
  balance          bigint not null,
  points           bigint not null,
  tier_id          text,
  tier_expires_at  timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz,
  constraint loyalty_balance_never_negative check (balance >= 0)
);
create index loyalty_card_holder on loyalty_card (project_id, holder_id);
create index loyalty_card_campaign on loyalty_card (campaign_id, voucher_id);
create index loyalty_card_tier_due on loyalty_card (tier_expires_at) where tier_expires_at is not null;

-- The points ledger: every change of a card's balance, with the balance after it.
create table loyalty_transaction (
  id                       text primary key,
  seq                      bigserial,
  project_id               text not null,
  voucher_id               text not null,
  campaign_id              text not null,
  type                     text not null,
  points                   bigint not null,
  balance                  bigint not null,
  source_id                text,
  source                   text,
  reason                   text,
  details                  jsonb not null default '{}',
  -- what caused an automatic change (earning rule + event, reward redemption, referral, expiry):
  -- unique per card, so a cause changes a card's points at most once
  origin_key               text,
  related_transaction_id   text,
  created_at               timestamptz not null
);
create index loyalty_transaction_card on loyalty_transaction (voucher_id, seq desc);
create unique index loyalty_transaction_source on loyalty_transaction (voucher_id, source_id)
  where source_id is not null;
create unique index loyalty_transaction_origin on loyalty_transaction (voucher_id, origin_key)
  where origin_key is not null;

-- Points that expire: one bucket per addition with an expiry date; removals take the points
-- that expire soonest first. The active buckets' remaining points never exceed the balance.
create table loyalty_points_bucket (
  id           text primary key,
  project_id   text not null,
  voucher_id   text not null,
  campaign_id  text not null,
  total        bigint not null,
  remaining    bigint not null,
  expires_at   timestamptz not null,
  status       text not null,
  created_at   timestamptz not null,
  updated_at   timestamptz,
  constraint bucket_remaining check (remaining >= 0 and remaining <= total)
);
create index loyalty_bucket_card on loyalty_points_bucket (voucher_id, expires_at) where status = 'ACTIVE';
create index loyalty_bucket_due on loyalty_points_bucket (expires_at) where status = 'ACTIVE';

create table loyalty_tier (
  id             text primary key,
  project_id     text not null,
  campaign_id    text not null,
  name           text not null,
  points_from    bigint not null,
  points_to      bigint,
  earning_rules  jsonb not null default '{}',
  rewards        jsonb not null default '{}',
  metadata       jsonb not null default '{}',
  created_at     timestamptz not null,
  updated_at     timestamptz
);
create index loyalty_tier_campaign on loyalty_tier (campaign_id, points_from);

create table earning_rule (
  id                    text primary key,
  project_id            text not null,
  campaign_id           text not null,
  event                 text not null,
  segment_id            text,
  loyalty_tier_id       text,
  custom_event          jsonb,
  loyalty               jsonb not null,
  source                jsonb not null default '{}',
  validation_rule_id    text,
  active                boolean not null default true,
  start_date            timestamptz,
  expiration_date       timestamptz,
  validity_timeframe    jsonb,
  validity_day_of_week  jsonb,
  validity_hours        jsonb,
  metadata              jsonb not null default '{}',
  automation_id         text not null,
  created_at            timestamptz not null,
  updated_at            timestamptz,
  deleted_at            timestamptz
);
create index earning_rule_event on earning_rule (project_id, event) where deleted_at is null;
create index earning_rule_campaign on earning_rule (campaign_id, created_at) where deleted_at is null;

create table reward (
  id          text primary key,
  project_id  text not null,
  name        text not null,
  type        text not null,
  parameters  jsonb not null,
  stock       bigint,
  redeemed    bigint not null default 0,
  attributes  jsonb not null default '{}',
  metadata    jsonb not null default '{}',
  created_at  timestamptz not null,
  updated_at  timestamptz,
  deleted_at  timestamptz,
  constraint reward_stock check (stock is null or redeemed <= stock)
);
create index reward_project on reward (project_id, created_at desc) where deleted_at is null;

create table reward_assignment (
  id           text primary key,
  project_id   text not null,
  reward_id    text not null,
  campaign_id  text not null,
  points       bigint,
  created_at   timestamptz not null,
  updated_at   timestamptz,
  deleted_at   timestamptz
);
create unique index reward_assignment_once on reward_assignment (reward_id, campaign_id)
  where deleted_at is null;
create index reward_assignment_campaign on reward_assignment (campaign_id) where deleted_at is null;

-- A member exchanging points for a reward (Voucherify answers it as a `redemption`).
create table reward_redemption (
  id                  text primary key,
  project_id          text not null,
  campaign_id         text not null,
  voucher_id          text not null,
  customer_id         text,
  reward_id           text not null,
  assignment_id       text,
  points              bigint not null,
  amount              bigint not null default 0,
  issued_voucher_id   text,
  publication_id      text,
  order_id            text,
  metadata            jsonb not null default '{}',
  created_at          timestamptz not null
);
create index reward_redemption_card on reward_redemption (voucher_id, created_at desc);

-- A referee converted by a referrer's code; a customer is referred once per referral program.
create table referral (
  id                   text primary key,
  project_id           text not null,
  campaign_id          text not null,
  voucher_id           text not null,
  referrer_id          text not null,
  referee_id           text not null,
  related_object_type  text not null,
  related_object_id    text,
  created_at           timestamptz not null
);
create unique index referral_once on referral (campaign_id, referee_id);
create index referral_referrer on referral (project_id, referrer_id);
create index referral_referee on referral (project_id, referee_id);
