-- A distribution's audience, paged by customer without grouping its messages: a skip scan probes
-- (owner_id, customer_id) once per recipient. The statuses a marketer looks for (failed, skipped,
-- held, retrying) are rare, so they get a small partial index of their own.
create index message_recipient on message (owner_id, customer_id);
create index message_attention on message (owner_id, status, customer_id)
  where status in ('FAILED', 'SKIPPED', 'HELD', 'RETRY_SCHEDULED');
