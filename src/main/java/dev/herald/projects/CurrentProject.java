package dev.herald.projects;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The project the request's API keys resolved to. Controllers take a {@link ProjectId} parameter
 * instead; filters that run after authentication read it here.
 */
public final class CurrentProject {

  static final String ATTRIBUTE = "herald.project";

  private CurrentProject() {}

  public static Optional<ProjectId> of(HttpServletRequest request) {
    return Optional.ofNullable((ProjectId) request.getAttribute(ATTRIBUTE));
  }

  static void set(HttpServletRequest request, ProjectId project) {
    request.setAttribute(ATTRIBUTE, project);
  }
}
