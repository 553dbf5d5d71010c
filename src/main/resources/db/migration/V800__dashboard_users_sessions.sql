-- Dashboard users: marketers who sign in to one project's dashboard. The email is unique across
-- this Herald (a user belongs to exactly one project); the password is a bcrypt hash. Failed
-- sign-ins are counted so a guessed password is throttled (locked_until).
create table dashboard_user (
  id              text primary key,
  project_id      text not null,
  email           text not null,
  name            text,
  password_hash   text not null,
  failed_attempts int not null default 0,
  locked_until    timestamptz,
  last_sign_in_at timestamptz,
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);
create unique index dashboard_user_email on dashboard_user (lower(email));
create index dashboard_user_project on dashboard_user (project_id);

-- Dashboard sessions live in PostgreSQL (Spring Session JDBC's schema for PostgreSQL), so any node
-- serves any signed-in user and a restart signs nobody out.
create table spring_session (
  primary_id            char(36) not null,
  session_id            char(36) not null,
  creation_time         bigint not null,
  last_access_time      bigint not null,
  max_inactive_interval int not null,
  expiry_time           bigint not null,
  principal_name        varchar(100),
  constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
  session_primary_id char(36) not null,
  attribute_name     varchar(200) not null,
  attribute_bytes    bytea not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id)
    references spring_session (primary_id) on delete cascade
);
