package dev.herald.dashboard;

import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

  record Row(DashboardUser user, String passwordHash, int failedAttempts, Instant lockedUntil) {}

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** False when the email is taken. */
  boolean insert(DashboardUser u, String passwordHash, Instant now) {
    return jdbc.sql(
                """
                insert into dashboard_user (id, project_id, email, name, password_hash, created_at,
                  updated_at)
                values (:id, :project, :email, :name, :hash, :now, :now)
                on conflict do nothing
                """)
            .param("id", u.id())
            .param("project", u.projectId())
            .param("email", u.email())
            .param("name", u.name())
            .param("hash", passwordHash)
            .param("now", Sql.ts(now))
            .update()
        == 1;
  }

  Optional<Row> byEmail(String email) {
    return jdbc.sql("select * from dashboard_user where lower(email) = lower(:email)")
        .param("email", email)
        .query(
            (rs, i) ->
                new Row(
                    new DashboardUser(
                        rs.getString("id"),
                        rs.getString("project_id"),
                        rs.getString("email"),
                        rs.getString("name")),
                    rs.getString("password_hash"),
                    rs.getInt("failed_attempts"),
                    Sql.instant(rs, "locked_until")))
        .optional();
  }

  List<DashboardUser> ofProject(String projectId) {
    return jdbc.sql(
            "select * from dashboard_user where project_id = :project order by created_at, id")
        .param("project", projectId)
        .query(
            (rs, i) ->
                new DashboardUser(
                    rs.getString("id"),
                    rs.getString("project_id"),
                    rs.getString("email"),
                    rs.getString("name")))
        .list();
  }

  void signedIn(String id, Instant now) {
    jdbc.sql(
            "update dashboard_user set failed_attempts = 0, locked_until = null,"
                + " last_sign_in_at = :now where id = :id")
        .param("id", id)
        .param("now", Sql.ts(now))
        .update();
  }

  /**
   * Counts a failed sign-in; from {@code limit} failures on, the account waits until {@code until}.
   */
  void failed(String id, int limit, Instant until) {
    jdbc.sql(
            """
            update dashboard_user set failed_attempts = failed_attempts + 1,
              locked_until = case when failed_attempts + 1 >= :limit then :until else locked_until end
            where id = :id
            """)
        .param("id", id)
        .param("limit", limit)
        .param("until", Sql.ts(until))
        .update();
  }

  boolean setPassword(String email, String hash, Instant now) {
    return jdbc.sql(
                "update dashboard_user set password_hash = :hash, failed_attempts = 0,"
                    + " locked_until = null, updated_at = :now where lower(email) = lower(:email)")
            .param("email", email)
            .param("hash", hash)
            .param("now", Sql.ts(now))
            .update()
        == 1;
  }
}
