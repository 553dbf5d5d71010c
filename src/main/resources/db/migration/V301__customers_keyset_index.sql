-- The keyset order in which segment syncs and sweeps walk a project's customers in batches:
-- (created_at, id) follows insertion order, so each batch reads a contiguous part of the table
-- (customers' table, added with the segments module that needs it; deleted rows included, so a
-- sweep also finds the memberships of deleted customers).
create index customer_project_keyset on customer (project_id, created_at, id);
