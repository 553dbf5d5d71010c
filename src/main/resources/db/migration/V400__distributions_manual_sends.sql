-- A manual distribution is sent once; its run state lives on its row, so cancel, edit and the
-- sender's start are one compare-and-set on one row.
alter table distribution
  add column send_at           timestamptz,
  add column audience_cursor   text,
  add column audience_total    bigint,
  add column audience_done     bigint not null default 0,
  add column sending_started_at timestamptz,
  add column finished_at       timestamptz,
  add column failure_reason    text;
