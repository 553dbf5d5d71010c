package dev.herald.web;

import dev.herald.shared.ApiException;
import dev.herald.shared.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.node.ObjectNode;

/** Every failure becomes Voucherify's error JSON: 4xx for the caller's mistakes, 5xx for ours. */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ObjectNode> api(ApiException e, HttpServletRequest request) {
    return respond(e, request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e, HttpServletRequest r) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EdgeFilters.BodyTooLargeException) {
        return respond(EdgeFilters.tooLarge(), r);
      }
    }
    boolean empty =
        e.getMessage() != null && e.getMessage().contains("Required request body is missing");
    return respond(
        ApiException.badRequest(
            "invalid_payload",
            empty
                ? "Request body is required"
                : "Malformed JSON: " + firstLine(e.getMostSpecificCause())),
        r);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ObjectNode> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest r) {
    return respond(
        new ApiException(
            415,
            "unsupported_media_type",
            "Unsupported media type",
            "Send the body as application/json"),
        r);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ObjectNode> notAcceptable(
      HttpMediaTypeNotAcceptableException e, HttpServletRequest r) {
    return respond(
        new ApiException(406, "not_acceptable", "Not acceptable", "This endpoint answers JSON"), r);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ObjectNode> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest r) {
    return respond(
        new ApiException(
            405,
            "method_not_allowed",
            "Method not allowed",
            e.getMethod() + " is not supported on " + r.getRequestURI()),
        r);
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<ObjectNode> noRoute(Exception e, HttpServletRequest r) {
    return respond(
        new ApiException(
            404, "not_found", "Resource not found", "Unknown endpoint " + r.getRequestURI()),
        r);
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    MissingRequestHeaderException.class
  })
  ResponseEntity<ObjectNode> params(Exception e, HttpServletRequest r) {
    return respond(ApiException.badRequest("invalid_query_params", e.getMessage()), r);
  }

  /**
   * A client that went away mid-answer (a closed live stream, mostly): nothing to answer, nothing
   * wrong on our side.
   */
  @ExceptionHandler(
      org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
  void clientGone(Exception e, HttpServletRequest r) {
    log.debug("Client left {} {}: {}", r.getMethod(), r.getRequestURI(), e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ObjectNode> bug(Exception e, HttpServletRequest r) {
    log.error("Unhandled error on {} {}", r.getMethod(), r.getRequestURI(), e);
    return respond(
        new ApiException(
            500,
            "internal_error",
            "Internal server error",
            "Something went wrong on our side; the request id helps us find it"),
        r);
  }

  private static ResponseEntity<ObjectNode> respond(ApiException e, HttpServletRequest request) {
    return ResponseEntity.status(e.status())
        .header("Content-Type", "application/json")
        .body(ApiErrors.body(e, ApiErrors.requestId(request)));
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}
