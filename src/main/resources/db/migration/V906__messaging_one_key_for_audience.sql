-- A message's key and a distribution's audience share one index. A channel belongs to one
-- distribution (owner_id), so (owner_id, customer_id, channel_id, trigger_id) is exactly as unique as
-- (channel_id, trigger_id, customer_id) was, and its leading (owner_id, customer_id) is what the
-- audience pages by (message_recipient). One index less to write on every message queued and on
-- every delivery outcome (which cannot be a HOT update).
create unique index message_key on message (owner_id, customer_id, channel_id, trigger_id);
alter table message drop constraint message_channel_id_trigger_id_customer_id_key;
drop index message_recipient;
