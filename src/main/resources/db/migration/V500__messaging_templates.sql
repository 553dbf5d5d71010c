-- The template version a message was queued with: a retry renders the same content even after the
-- channel's template was edited.
alter table message add column template_id text;
alter table message add column template_version int;

-- A customer's messages (the cockpit's codes, the sandbox, audits).
create index message_customer on message (project_id, customer_id);
