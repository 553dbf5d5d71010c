package dev.herald.web;

import dev.herald.projects.CurrentProject;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.web.ApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-project API calls per minute on this node ({@code HERALD_API_RATE_LIMIT}), reported in {@code
 * x-rate-limit-limit}/{@code x-rate-limit-remaining} as the Voucherify SDK reads them; over the
 * limit answers 429 with {@code retry-after}.
 */
class RateLimitFilter extends OncePerRequestFilter {

  private final long limitPerMinute;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  RateLimitFilter(long limitPerMinute, Clock clock) {
    this.limitPerMinute = limitPerMinute;
    this.clock = clock;
  }

  private record Window(long minute, AtomicLong used) {}

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<ProjectId> project = CurrentProject.of(request);
    if (project.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    long minute = clock.millis() / 60_000;
    Window window =
        windows.compute(
            project.get().value(),
            (k, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicLong()) : w);
    long used = window.used().incrementAndGet();
    response.setHeader("x-rate-limit-limit", Long.toString(limitPerMinute));
    response.setHeader("x-rate-limit-remaining", Long.toString(Math.max(0, limitPerMinute - used)));
    if (used > limitPerMinute) {
      long retryAfter = 60 - (clock.millis() / 1000) % 60;
      response.setHeader("retry-after", Long.toString(retryAfter));
      ApiErrors.write(
          request,
          response,
          new ApiException(
              429,
              "too_many_requests",
              "Too many requests",
              "More than " + limitPerMinute + " API calls in one minute"));
      return;
    }
    chain.doFilter(request, response);
  }
}
