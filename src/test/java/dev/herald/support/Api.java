package dev.herald.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for Herald's API, authenticated as one project. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String appId;
  private final String appToken;

  public Api(String base, String appId, String appToken) {
    this.base = base;
    this.appId = appId;
    this.appToken = appToken;
  }

  public String appId() {
    return appId;
  }

  public String appToken() {
    return appToken;
  }

  public String base() {
    return base;
  }

  /** An answer: status, headers, and the body as JSON (null when empty). */
  public record Response(int status, Map<String, String> headers, String text) {

    public JsonNode json() {
      return text == null || text.isEmpty() ? null : JSON.readTree(text);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  public Response get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Response delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  public Response post(String path, Object body) {
    return send("POST", path, body, Map.of());
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body, Map.of());
  }

  /** Sends a request; {@code body} may be a JSON string, a tree, a map, or null. */
  public Response send(String method, String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (appId != null) {
      request.header("X-App-Id", appId).header("X-App-Token", appToken);
    }
    request.header("Content-Type", "application/json");
    headers.forEach(request::header);
    String text =
        body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    request.method(
        method,
        text == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(text));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> flat = new LinkedHashMap<>();
      response.headers().map().forEach((k, v) -> flat.put(k.toLowerCase(), v.get(0)));
      return new Response(response.statusCode(), flat, response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode parse(String json) {
    return JSON.readTree(json);
  }
}
