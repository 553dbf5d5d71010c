package dev.herald.web;

import dev.herald.shared.ApiException;
import dev.herald.shared.web.ApiErrors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** Errors the container raises before Spring MVC runs (bad URLs, ...) also answer JSON. */
@RestController
class ErrorJsonController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ObjectNode> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    String key =
        switch (status) {
          case 400 -> "invalid_request";
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 413 -> "request_entity_too_large";
          default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    ApiException e = new ApiException(status, key, key.replace('_', ' '), "HTTP " + status);
    return ResponseEntity.status(status)
        .header("Content-Type", "application/json")
        .body(ApiErrors.body(e, ApiErrors.requestId(request)));
  }
}
