-- A row may hold two facts appended together that differ only in their type: a publication's
-- customer.publication.succeeded and voucher.published (the same data, customer, distribution,
-- cause and time). The second fact was a row of its own, 264 bytes with an entry in five indexes,
-- a million rows in a 1,000,000-recipient send; now it is two columns of its sibling's row.
--
-- Sequence numbers advance by two, so every row owns the number after its own: the second fact
-- reads back as event seq + 1, after its sibling and before any later row. Its id is its own (a
-- random one as every event's), found through the index below.
alter table event_log
  add column also_type text,
  add column also_id text,
  add constraint event_log_also check ((also_type is null) = (also_id is null));
create unique index event_log_also_id on event_log (also_id) where also_id is not null;
alter sequence event_log_seq_seq increment by 2;
