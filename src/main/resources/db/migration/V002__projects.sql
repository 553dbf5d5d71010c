-- Tenants. Every table holding tenant data carries project_id.
create table project (
  id             text primary key,
  name           text not null,
  time_zone      text not null default 'UTC',
  webhook_secret text not null,
  brand          jsonb not null default '{}',
  settings       jsonb not null default '{}',
  created_at     timestamptz not null,
  updated_at     timestamptz
);

-- API keys (X-App-Id / X-App-Token). Only a SHA-256 hash of the token is stored; rotating a key
-- revokes the old one.
create table api_key (
  app_id     text primary key,
  project_id text not null references project (id),
  token_hash text not null,
  created_at timestamptz not null,
  revoked_at timestamptz
);
create index api_key_project on api_key (project_id);
