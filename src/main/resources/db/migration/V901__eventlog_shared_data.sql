-- Events appended together with the same data (a publication's customer.publication.succeeded and
-- voucher.published carry one payload) store it once: the later rows keep data null and name the row
-- holding it in data_of. Readers get the payload back through a lookup by primary key.
alter table event_log
  alter column data drop not null,
  add column data_of bigint,
  add constraint event_log_data_once check ((data is null) <> (data_of is null));
