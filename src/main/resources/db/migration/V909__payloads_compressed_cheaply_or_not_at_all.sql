-- Payloads are compressed with lz4 when the server has it, and otherwise an event row is compressed
-- only when it does not fit a page (decision 0014).
--
-- PostgreSQL compresses a value once its row is over 2 KB, with pglz unless told otherwise. Every
-- customer.publication.succeeded is about 3 KB (customer, publication, voucher, campaign), and pglz
-- cost about as much PostgreSQL CPU as the rest of that row's insert. lz4 is as fast as storing the
-- row as it is and saves nearly as much; servers built with it (Debian's and most packages) use it
-- for every payload column. The embedded PostgreSQL is built without lz4: there an event row up to
-- a page (8 KB) is stored as written, larger ones are still compressed and moved out of line, and
-- the event log is about 40 % larger for it. Only new rows are affected; nothing is rewritten.
do $$
begin
  if exists (select 1 from pg_settings
             where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
    alter table event_log alter column data set compression lz4;
    alter table message alter column context set compression lz4;
    alter table work_item alter column payload set compression lz4;
  else
    alter table event_log set (toast_tuple_target = 8160);
  end if;
end $$;
