-- The delivery roll-ups in stripes: each writing thread adds to rows of its own stripe, so a manual
-- send's batches and the dispatcher's outcome batches, which count into the same distribution,
-- slot and channel, no longer wait for each other's commits on one row. Readers sum the stripes.
alter table analytics_delivery add column stripe smallint not null default 0;
alter table analytics_delivery drop constraint analytics_delivery_pkey;
alter table analytics_delivery add primary key (distribution_id, bucket, channel_id, stripe);

alter table analytics_delivery_total add column stripe smallint not null default 0;
alter table analytics_delivery_total drop constraint analytics_delivery_total_pkey;
alter table analytics_delivery_total add primary key (distribution_id, channel_id, stripe);
