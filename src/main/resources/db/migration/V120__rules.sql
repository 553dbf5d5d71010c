create table validation_rule (
  id             text primary key,
  project_id     text not null,
  name           text not null,
  rules          jsonb not null,
  error          jsonb,
  applicable_to  jsonb,
  bundle_rules   jsonb,
  type           text not null,
  context_type   text not null,
  created_at     timestamptz not null,
  updated_at     timestamptz,
  deleted_at     timestamptz
);
create index validation_rule_created on validation_rule (project_id, created_at desc) where deleted_at is null;

create table validation_rule_assignment (
  id                   text primary key,
  project_id           text not null,
  rule_id              text not null,
  related_object_type  text not null,
  related_object_id    text not null,
  created_at           timestamptz not null
);
create unique index validation_rule_assignment_unique
  on validation_rule_assignment (rule_id, related_object_type, related_object_id);
create index validation_rule_assignment_object
  on validation_rule_assignment (project_id, related_object_id);
