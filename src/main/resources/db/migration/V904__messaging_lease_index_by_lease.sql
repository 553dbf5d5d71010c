-- Leases are found by their time, not by status. With "where status = 'SENDING'" the planner
-- could answer the outcome's "this node's SENDING messages with these ids" from this index: the
-- statistics always say almost nothing is SENDING, but the index also holds the dead entries of
-- every claim since the last vacuum, and the plan compared each of those rows against each
-- outcome (quadratic in the dispatcher's backlog). A lease is set exactly while a message is
-- SENDING, so this predicate indexes the same rows and the outcome goes by primary key.
drop index if exists message_leased;
create index message_leased on message (channel_type, locked_until) where locked_until is not null;
