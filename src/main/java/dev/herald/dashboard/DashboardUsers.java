package dev.herald.dashboard;

import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dashboard users: created by a sign-up that proves the project's API keys, or by the {@code users}
 * CLI command; signed in with email and password (bcrypt, cost 12). Ten failed sign-ins in a row
 * lock the account for 15 minutes, so a password cannot be guessed through the form.
 */
@Service
public class DashboardUsers {

  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 72; // bcrypt reads at most 72 bytes
  static final int LOCK_AFTER = 10;
  static final Duration LOCK_FOR = Duration.ofMinutes(15);
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final UserRepository repository;
  private final Projects projects;
  private final PasswordEncoder encoder = new BCryptPasswordEncoder(12);
  private final String dummyHash;
  private final Clock clock;

  DashboardUsers(UserRepository repository, Projects projects, Clock clock) {
    this.repository = repository;
    this.projects = projects;
    this.clock = clock;
    // compared against when no such user exists, so a wrong email takes as long as a wrong password
    this.dummyHash = encoder.encode("no such user, no such password");
  }

  /** The outcome of a sign-in attempt. */
  public sealed interface SignIn {
    record Accepted(DashboardUser user) implements SignIn {}

    record Rejected(String reason) implements SignIn {}
  }

  /** Adds a user to a project; 400 for a bad email or password, 409 when the email is taken. */
  @Transactional
  public DashboardUser create(ProjectId project, String email, String name, String password) {
    projects.get(project);
    String normalized = email == null ? "" : email.trim();
    if (!EMAIL.matcher(normalized).matches() || normalized.length() > 254) {
      throw ApiException.badRequest("invalid_email", "Enter a valid email address");
    }
    checkPassword(password);
    DashboardUser user =
        new DashboardUser(
            Ids.newId("dusr_"),
            project.value(),
            normalized,
            name == null || name.isBlank() ? null : name.trim());
    if (!repository.insert(user, encoder.encode(password), clock.instant())) {
      throw ApiException.conflict("email_taken", "A dashboard user with this email exists");
    }
    return user;
  }

  /**
   * The sign-up: whoever holds a project's API keys may add a dashboard user to it (the keys
   * already grant everything the dashboard does). 401 for wrong keys.
   */
  @Transactional
  public DashboardUser signUp(
      String appId, String appToken, String email, String name, String password) {
    ProjectId project =
        projects
            .authenticate(trim(appId), trim(appToken))
            .orElseThrow(
                () ->
                    new ApiException(
                        401,
                        "unauthorized",
                        "Unauthorized",
                        "These are not the Application ID and Secret Key of a project"));
    return create(project, email, name, password);
  }

  /** Checks email and password; counts failures and honours the lock. */
  @Transactional
  public SignIn signIn(String email, String password) {
    Optional<UserRepository.Row> row =
        email == null ? Optional.empty() : repository.byEmail(email.trim());
    String pw = password == null ? "" : password;
    if (row.isEmpty()) {
      encoder.matches(pw, dummyHash);
      return new SignIn.Rejected("bad_credentials");
    }
    UserRepository.Row r = row.get();
    Instant now = clock.instant();
    if (r.lockedUntil() != null && now.isBefore(r.lockedUntil())) {
      return new SignIn.Rejected("locked");
    }
    if (!encoder.matches(pw, r.passwordHash())) {
      repository.failed(r.user().id(), LOCK_AFTER, now.plus(LOCK_FOR));
      return new SignIn.Rejected("bad_credentials");
    }
    repository.signedIn(r.user().id(), now);
    return new SignIn.Accepted(r.user());
  }

  public List<DashboardUser> ofProject(ProjectId project) {
    return repository.ofProject(project.value());
  }

  /** Sets a user's password (CLI); also lifts a lock. */
  @Transactional
  public void setPassword(String email, String password) {
    checkPassword(password);
    if (!repository.setPassword(email.trim(), encoder.encode(password), clock.instant())) {
      throw ApiException.notFound("dashboard_user", email);
    }
  }

  private static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw ApiException.badRequest(
          "invalid_password", "Choose a password of at least " + MIN_PASSWORD + " characters");
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD) {
      throw ApiException.badRequest(
          "invalid_password", "A password may have at most " + MAX_PASSWORD + " bytes");
    }
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
