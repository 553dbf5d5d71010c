-- Keyset order of a project's live customers by id: segment syncs and sweeps walk it in batches,
-- and a filter that reads no profile column is answered from this index alone (customers' table,
-- added with the segments module that needs it).
create index customer_project_id on customer (project_id, id) where deleted_at is null;
