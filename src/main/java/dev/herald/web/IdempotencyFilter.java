package dev.herald.web;

import dev.herald.projects.CurrentProject;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.web.ApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on a POST: the first request with a key runs and its response is kept for
 * 24 h; a retry with the same key and body gets that response again ({@code Idempotent-Replayed:
 * true}); the same key with another body is a 422; a retry while the first is still running is a
 * 409. A 5xx is not kept, so the retry runs for real.
 */
class IdempotencyFilter extends OncePerRequestFilter {

  static final Duration RETENTION = Duration.ofHours(24);

  /** A claim this old without a response belongs to a node that died mid-request. */
  private static final Duration ABANDONED = Duration.ofMinutes(2);

  private final IdempotencyRepository repository;
  private final Clock clock;

  IdempotencyFilter(IdempotencyRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || request.getHeader("Idempotency-Key") == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<ProjectId> project = CurrentProject.of(request);
    String key = request.getHeader("Idempotency-Key");
    if (project.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    if (key.isBlank() || key.length() > 255) {
      ApiErrors.write(
          request,
          response,
          ApiException.badRequest(
              "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 characters"));
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String hash = hash(request, body);
    String projectId = project.get().value();
    Instant now = clock.instant();
    if (!repository.claim(projectId, key, hash, now)) {
      Optional<IdempotencyRepository.Stored> stored = repository.find(projectId, key);
      if (stored.isPresent() && expiredOrAbandoned(stored.get(), now)) {
        repository.release(projectId, key, stored.get().createdAt());
        stored =
            repository.claim(projectId, key, hash, now)
                ? Optional.empty()
                : repository.find(projectId, key);
      }
      if (stored.isPresent()) {
        answerFromStored(request, response, stored.get(), hash);
        return;
      }
    }
    ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
    boolean kept = false;
    try {
      chain.doFilter(new CachedBodyRequest(request, body), wrapped);
      if (wrapped.getStatus() < 500) {
        repository.complete(
            projectId,
            key,
            wrapped.getStatus(),
            wrapped.getContentType(),
            wrapped.getContentAsByteArray(),
            clock.instant());
        kept = true;
      }
    } finally {
      if (!kept) {
        repository.release(projectId, key, now);
      }
      wrapped.copyBodyToResponse();
    }
  }

  private boolean expiredOrAbandoned(IdempotencyRepository.Stored stored, Instant now) {
    return stored.createdAt().isBefore(now.minus(RETENTION))
        || (stored.completedAt() == null && stored.createdAt().isBefore(now.minus(ABANDONED)));
  }

  private void answerFromStored(
      HttpServletRequest request,
      HttpServletResponse response,
      IdempotencyRepository.Stored stored,
      String hash)
      throws IOException {
    if (!stored.requestHash().equals(hash)) {
      ApiErrors.write(
          request,
          response,
          ApiException.unprocessable(
              "idempotency_key_reused",
              "This Idempotency-Key was used with a different request body"));
      return;
    }
    if (stored.completedAt() == null) {
      response.setHeader("Retry-After", "1");
      ApiErrors.write(
          request,
          response,
          ApiException.conflict(
              "idempotency_key_in_use", "A request with this Idempotency-Key is still running"));
      return;
    }
    response.setStatus(stored.status());
    response.setHeader("Idempotent-Replayed", "true");
    if (stored.contentType() != null) {
      response.setContentType(stored.contentType());
    }
    if (stored.body() != null) {
      response.setContentLength(stored.body().length);
      response.getOutputStream().write(stored.body());
    }
  }

  private static String hash(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String target =
          request.getRequestURI() + "?" + Optional.ofNullable(request.getQueryString()).orElse("");
      digest.update(target.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request again, its body served from the bytes already read for hashing. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }
  }
}
