-- A message's snapshot may share objects with an event (a published code's customer, campaign,
-- publication and voucher are in its customer.publication.succeeded): those members are stored as
-- {"$event": "<member>"} and read from the event named here (its seq in the append-only log).
alter table message add column data_of bigint;
