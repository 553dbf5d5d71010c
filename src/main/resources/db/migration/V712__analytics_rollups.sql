-- Delivery roll-ups, kept by the analytics module inside the transactions that change messages
-- (messaging's MessageListener SPI): the enqueue/skip inserts and the dispatcher's outcome batches.
-- One row per distribution channel and 15-minute slot (UTC-aligned start): every UTC offset in use
-- is a multiple of 15 minutes, so hours and days in any project time zone are exact sums of slots.
-- Only slots with activity have a row. Nothing on a request path counts message rows.
create table analytics_delivery (
  project_id      text not null,
  distribution_id text not null,
  bucket          timestamptz not null,
  channel_id      text not null,
  channel_type    text not null,
  queued          bigint not null default 0,
  sent            bigint not null default 0,
  delivered       bigint not null default 0,
  failed          bigint not null default 0,
  recovered       bigint not null default 0,
  skipped         bigint not null default 0,
  primary key (distribution_id, bucket, channel_id)
);

-- The same counts over the distribution's whole life, one row per channel (dashboards read these).
create table analytics_delivery_total (
  project_id      text not null,
  distribution_id text not null,
  channel_id      text not null,
  channel_type    text not null,
  queued          bigint not null default 0,
  sent            bigint not null default 0,
  delivered       bigint not null default 0,
  failed          bigint not null default 0,
  recovered       bigint not null default 0,
  skipped         bigint not null default 0,
  primary key (distribution_id, channel_id)
);

-- Which distribution published each code, and whether it is redeemed now, from the event log
-- (customer.publication.succeeded with metadata.distribution_id; customer.redemption.succeeded and
-- .rollback.succeeded). A redemption handled before its publication leaves a row without a
-- distribution; the publication then attributes it and counts it as redeemed.
create table analytics_code (
  project_id      text not null,
  voucher_id      text not null,
  distribution_id text,
  campaign_id     text,
  published_at    timestamptz,
  redemptions     int not null default 0,
  redeemed_at     timestamptz,
  primary key (project_id, voucher_id)
);

-- Codes a distribution published (by publication time) and codes that became redeemed (by the
-- time they did), per 15-minute slot; and the same per distribution and campaign over all time.
create table analytics_code_bucket (
  project_id      text not null,
  distribution_id text not null,
  bucket          timestamptz not null,
  published       bigint not null default 0,
  redeemed        bigint not null default 0,
  primary key (distribution_id, bucket)
);

create table analytics_code_total (
  project_id      text not null,
  distribution_id text not null,
  campaign_id     text not null,
  published       bigint not null default 0,
  redeemed        bigint not null default 0,
  primary key (distribution_id, campaign_id)
);
create index analytics_code_total_campaign on analytics_code_total (project_id, campaign_id);
