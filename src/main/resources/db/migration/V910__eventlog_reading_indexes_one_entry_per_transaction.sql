-- The log's reading indexes key a row by its transaction, not by (transaction, sequence).
--
-- A manual send appends about 1,500 events per transaction, all of one distribution. Keyed by
-- (project, tx, seq), each event had its own index entry, and because concurrent transactions
-- interleave, pages split half empty: at 1,000,000 recipients event_log_distribution was 442 MB and
-- event_log_stream 287 MB, 28 % of the event table. Keyed by (project, tx), the rows of one
-- transaction are equal keys, which PostgreSQL stores once with a list of row pointers (6 bytes
-- each): about a tenth of the size. Readers still get (tx, seq) order: the index gives the
-- transactions in order and an incremental sort puts each transaction's rows by seq, so a page of a
-- stream reads at most the rows of the transactions it touches.
drop index event_log_stream;
create index event_log_stream on event_log (project_id, tx);
drop index event_log_distribution;
create index event_log_distribution on event_log (project_id, distribution_id, tx)
  where distribution_id is not null;
