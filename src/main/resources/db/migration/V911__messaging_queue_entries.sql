-- A message's place in the dispatcher's queue moves to a narrow table of its own, so that the
-- message row can be updated in place (decision 0018).
--
-- PostgreSQL updates a row "HOT" — a new version on the same page, no index touched — only when no
-- column any index refers to (in its key or its WHERE) changes. The queue indexes referred to the
-- status (due: QUEUED or RETRY_SCHEDULED; held; attention) and the lease (locked_until), and every
-- claim and every outcome changes both: each wrote a new 1 KB row version and an entry into every
-- index of the message, twice per message at a million recipients.
--
-- message_queue holds one entry per message that a dispatcher must act on, keyed by when:
--   waiting (QUEUED, RETRY_SCHEDULED)  at = when it is due
--   being sent (SENDING)               at = when its lease runs out (then another node takes it)
-- Delivered, failed, skipped and held messages have none. The message row keeps its status,
-- lease and next attempt as the truth; the entry is where a claim finds it.
create table message_queue (
  message_id   text primary key,
  channel_type text not null,
  at           timestamptz not null
);
create index message_queue_due on message_queue (channel_type, at);

insert into message_queue (message_id, channel_type, at)
select id, channel_type, coalesce(next_attempt_at, created_at) from message
where status in ('QUEUED', 'RETRY_SCHEDULED')
union all
select id, channel_type, coalesce(locked_until, updated_at) from message
where status = 'SENDING';

-- The statuses the held and attention indexes select, in a column of their own that stays null
-- for the statuses a message passes through on its way to delivery: the status itself is in no
-- index any more.
alter table message add column attention text generated always as
  (case when status in ('FAILED', 'SKIPPED', 'HELD', 'RETRY_SCHEDULED') then status end) stored;

drop index message_due;
drop index message_leased;
drop index message_held;
drop index message_attention;
create index message_held on message (project_id, owner_id, created_at) where attention = 'HELD';
create index message_attention on message (owner_id, attention, customer_id)
  where attention is not null;

-- Room on each page for the versions a message's claim and outcome write (new pages only).
alter table message set (fillfactor = 50);
