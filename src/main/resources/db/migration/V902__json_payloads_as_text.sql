-- Event payloads and message snapshots are written once and read whole; nothing queries inside them
-- except a customer's wallet (a handful of rows). Stored as json (checked text) rather than jsonb:
-- no binary conversion on the way in or out, and smaller after compression. A 1M-recipient send
-- writes a million of each.
alter table event_log alter column data type json using data::json;
alter table message alter column context type json using context::json;
