package dev.herald.projects;

import dev.herald.shared.ApiException;
import dev.herald.shared.web.ApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every {@code /v1} request names its project with {@code X-App-Id} and {@code X-App-Token}. */
class ApiKeyFilter extends OncePerRequestFilter {

  private final Projects projects;

  ApiKeyFilter(Projects projects) {
    this.projects = projects;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<ProjectId> project =
        projects.authenticate(request.getHeader("X-App-Id"), request.getHeader("X-App-Token"));
    if (project.isEmpty()) {
      ApiErrors.write(
          request,
          response,
          new ApiException(
              401,
              "unauthorized",
              "Unauthorized",
              request.getHeader("X-App-Id") == null
                  ? "Missing X-App-Id and X-App-Token headers"
                  : "Invalid X-App-Id or X-App-Token"));
      return;
    }
    CurrentProject.set(request, project.get());
    chain.doFilter(request, response);
  }
}
