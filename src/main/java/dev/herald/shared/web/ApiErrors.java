package dev.herald.shared.web;

import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * Voucherify's error body, {@code {"code","key","message","details","request_id",...}}, for the
 * exception handler and for filters that answer before a controller runs.
 */
public final class ApiErrors {

  public static final String REQUEST_ID = "herald.requestId";

  private ApiErrors() {}

  /** The request's id, made on first use ({@code v-} and 18 random characters). */
  public static String requestId(HttpServletRequest request) {
    Object id = request.getAttribute(REQUEST_ID);
    if (id == null) {
      id = "v-" + Ids.random(18).toLowerCase();
      request.setAttribute(REQUEST_ID, id);
    }
    return id.toString();
  }

  public static ObjectNode body(ApiException e, String requestId) {
    ObjectNode body = Json.object();
    body.put("code", e.status());
    body.put("key", e.key());
    body.put("message", e.getMessage());
    body.put("details", e.details());
    body.put("request_id", requestId);
    if (e.resourceId() != null) {
      body.put("resource_id", e.resourceId());
      body.put("resource_type", e.resourceType());
    }
    if (e.extra() != null) {
      e.extra().properties().forEach(f -> body.set(f.getKey(), f.getValue()));
    }
    return body;
  }

  public static void write(HttpServletRequest request, HttpServletResponse response, ApiException e)
      throws IOException {
    response.setStatus(e.status());
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    byte[] bytes = Json.write(body(e, requestId(request))).getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
