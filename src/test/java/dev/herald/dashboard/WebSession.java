package dev.herald.dashboard;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for dashboard tests: cookies, forms, the CSRF token of the last page.
 */
final class WebSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private String csrf;

  WebSession(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpResponse<String> get(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    remember(r.body());
    return r;
  }

  /** Follows redirects of a GET. */
  HttpResponse<String> open(String path) {
    HttpResponse<String> r = get(path);
    int hops = 0;
    while (r.statusCode() / 100 == 3 && hops++ < 5) {
      r = get(location(r));
    }
    return r;
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    Map<String, String> all = new LinkedHashMap<>(form);
    if (csrf != null && !all.containsKey("_csrf")) {
      all.put("_csrf", csrf);
    }
    return postRaw(path, all);
  }

  HttpResponse<String> postRaw(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    remember(r.body());
    return r;
  }

  HttpResponse<String> api(String path, String appId, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("X-App-Id", appId)
            .header("X-App-Token", token)
            .GET()
            .build());
  }

  HttpResponse<String> signIn(String email, String password) {
    get("/dashboard/login");
    return post("/dashboard/login", Map.of("email", email, "password", password));
  }

  static String location(HttpResponse<?> r) {
    String l = r.headers().firstValue("Location").orElseThrow();
    return l.startsWith("http") ? URI.create(l).getRawPath() + query(URI.create(l)) : l;
  }

  private static String query(URI uri) {
    return uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
  }

  private void remember(String body) {
    if (body == null) {
      return;
    }
    Matcher m = CSRF.matcher(body);
    if (m.find()) {
      csrf = m.group(1);
      return;
    }
    Matcher meta = META.matcher(body);
    if (meta.find()) {
      csrf = meta.group(1);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
