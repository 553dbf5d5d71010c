package dev.herald.dashboard;

import dev.herald.projects.ProjectId;
import java.io.Serializable;
import java.security.Principal;

/**
 * A signed-in dashboard user: who, and the one project they see. It is the session's principal
 * (serialized into the session table), so it holds no password.
 */
public record DashboardUser(String id, String projectId, String email, String name)
    implements Serializable, Principal {

  /** The session table's principal name: the user id. */
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
