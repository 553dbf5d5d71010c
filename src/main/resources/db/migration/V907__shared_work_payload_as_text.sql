-- A task's payload is written once and read whole by its handler; nothing queries inside it. A code
-- attribution task carries the events of a batch (~275 KB for 500 publications): as jsonb it was
-- parsed into binary on insert, printed back as text on every claim, and compressed by TOAST (pglz,
-- milliseconds per task: 10 ms an insert at 1,000,000 recipients). Stored as json text and left
-- uncompressed, it is copied in and out.
alter table work_item alter column payload drop default;
alter table work_item alter column payload type json using payload::json;
alter table work_item alter column payload set default '{}';
alter table work_item alter column payload set storage external;
