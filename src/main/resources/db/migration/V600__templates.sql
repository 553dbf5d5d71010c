-- Message templates per channel (email, sms, webhook). Every edit is a new immutable version;
-- messages reference the version they were queued with, so a retry renders the same content.
create table template (
  id             text primary key,
  project_id     text not null,
  channel        text not null,
  latest_version int not null,
  created_at     timestamptz not null,
  updated_at     timestamptz not null
);
create index template_project on template (project_id);

create table template_version (
  template_id text not null,
  version     int not null,
  project_id  text not null,
  content     jsonb not null,
  created_at  timestamptz not null,
  primary key (template_id, version)
);

-- The secret behind public links (code images, customer cockpit, unsubscribe): one per database,
-- shared by every node.
create table public_link_key (
  id         int primary key,
  secret     bytea not null,
  created_at timestamptz not null
);
