-- An event's id names its row's sequence number (EventIds): evcus_ or ev_, the number as 12
-- hexadecimal digits (the first always 0), then 12 random characters. An id is unique because its
-- number is, and it is found through the primary key, so the log drops its two unique indexes on
-- ids (event_log_id_key and event_log_also_id). They were two of a row's seven index entries, each a
-- text key checked for uniqueness; on a copy of the log they were about a third of an insert's cost.
--
-- Ids made before this migration have the time in base 36 where the number is now, and their first
-- character after the prefix is never 0. Partial indexes keep those ids (and only those) findable;
-- a new row only evaluates their predicate.
alter table event_log drop constraint event_log_id_key;
drop index event_log_also_id;
create unique index event_log_legacy_id on event_log (id)
  where substr(id, strpos(id, '_') + 1, 1) <> '0';
create unique index event_log_legacy_also_id on event_log (also_id)
  where also_id is not null and substr(also_id, strpos(also_id, '_') + 1, 1) <> '0';

-- Customers, distributions (a message's owner) and campaigns have ids unique across projects, so
-- indexes looked up by one of them need not lead with the project: every query still names its
-- project, which is checked on the row. Each entry is shorter by the project's id, and an insert's
-- descent compares one text key less at every level.
drop index event_log_customer;
create index event_log_customer on event_log (customer_id, seq desc) where customer_id is not null;
drop index message_customer;
create index message_customer on message (customer_id);
drop index message_owner;
create index message_owner on message (owner_id, created_at desc);
drop index publication_member;
create index publication_member on publication (campaign_id, customer_id);
