-- A large manual send's audience is cut into ranges of its segment's keyset, sent side by side (by
-- a node's sender threads, or by several nodes): each range keeps its own cursor and count, so a
-- crash resumes every range where it stopped. The distribution's audience_done is their sum.
create table distribution_partition (
  distribution_id text not null,
  part            int not null,
  after_id        text,        -- exclusive lower bound; null: from the first member
  up_to_id        text,        -- inclusive upper bound; null: to the last member
  cursor          text,        -- the last member sent to
  done            bigint not null default 0,
  finished_at     timestamptz,
  primary key (distribution_id, part)
);
