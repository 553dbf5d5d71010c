package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import dev.herald.projects.Projects;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the page frame shows: the signed-in user, their project, the current section. */
@ControllerAdvice(basePackageClasses = DashboardModel.class)
class DashboardModel {

  private final Projects projects;

  DashboardModel(Projects projects) {
    this.projects = projects;
  }

  @ModelAttribute
  void frame(HttpServletRequest request, Model model) {
    if (request.getHeader("HX-Request") != null) {
      return; // fragments have no frame
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof DashboardUser user) {
      model.addAttribute("me", user);
      model.addAttribute("projectName", projects.get(user.project()).name());
    }
    String path = request.getRequestURI();
    model.addAttribute(
        "section",
        path.startsWith("/dashboard/campaigns")
            ? "campaigns"
            : path.startsWith("/dashboard/sandbox") ? "sandbox" : "distributions");
  }
}
