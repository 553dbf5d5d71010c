package dev.herald.dashboard;

import dev.herald.projects.ProjectId;
import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A signed-in dashboard user: who, and the one project they see. It is the session's principal
 * (serialized into the session table), so it holds no password.
 */
public record DashboardUser(String id, String projectId, String email, String name)
    implements Serializable, AuthenticatedPrincipal {

  /**
   * The session table's principal name: the user id (not a {@code java.security.Principal}, so MVC
   * resolves a {@code DashboardUser} parameter through the dashboard's own resolver).
   */
  @Override
  public String getName() {
    return id;
  }

  public ProjectId project() {
    return new ProjectId(projectId);
  }

  public String displayName() {
    return name == null || name.isBlank() ? email : name;
  }
}
