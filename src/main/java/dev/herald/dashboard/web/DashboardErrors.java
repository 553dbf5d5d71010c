package dev.herald.dashboard.web;

import dev.herald.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The dashboard's own error pages (the API's JSON errors are for {@code /v1}): a readable page with
 * the problem and a way back; for htmx requests a small message to swap in.
 */
@ControllerAdvice(basePackageClasses = DashboardErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

  private static final Logger log = LoggerFactory.getLogger(DashboardErrors.class);

  @ExceptionHandler(ApiException.class)
  String api(
      ApiException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    return page(e.status(), title(e), e.details(), request, response, model);
  }

  @ExceptionHandler(RuntimeException.class)
  String unexpected(
      RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    log.error("Dashboard request {} failed", request.getRequestURI(), e);
    return page(
        500,
        "Something went wrong",
        "Herald could not show this page. The problem was logged.",
        request,
        response,
        model);
  }

  private static String title(ApiException e) {
    return switch (e.status()) {
      case 404 -> "Not found";
      case 409 -> "Not possible right now";
      default -> "Please check your input";
    };
  }

  private static String page(
      int status,
      String title,
      String details,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("errorTitle", title);
    model.addAttribute("details", details);
    if (request.getHeader("HX-Request") != null) {
      return "dashboard/error :: message";
    }
    return "dashboard/error";
  }
}
