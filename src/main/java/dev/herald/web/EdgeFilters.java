package dev.herald.web;

import dev.herald.shared.ApiException;
import dev.herald.shared.web.ApiErrors;
import dev.herald.shared.work.HeraldRoles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Filters in front of every request, in this order: request id → body-size limit → node role →
 * (API-key authentication, in projects) → rate limit → idempotency.
 */
@Configuration(proxyBeanMethods = false)
class EdgeFilters {

  static final DataSize MAX_BODY = DataSize.ofMegabytes(1);

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> requestIdFilter() {
    FilterRegistrationBean<OncePerRequestFilter> bean =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                response.setHeader("X-Request-Id", ApiErrors.requestId(request));
                chain.doFilter(request, response);
              }
            });
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return bean;
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> bodyLimitFilter() {
    FilterRegistrationBean<OncePerRequestFilter> bean =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                if (request.getContentLengthLong() > MAX_BODY.toBytes()) {
                  ApiErrors.write(request, response, tooLarge());
                  return;
                }
                chain.doFilter(new LimitedRequest(request), response);
              }
            });
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return bean;
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> roleFilter(HeraldRoles roles) {
    FilterRegistrationBean<OncePerRequestFilter> bean =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                if (!roles.api()) {
                  ApiErrors.write(
                      request,
                      response,
                      new ApiException(
                          503,
                          "api_disabled",
                          "API disabled on this node",
                          "This node runs without the api role (HERALD_ROLES)"));
                  return;
                }
                chain.doFilter(request, response);
              }
            });
    bean.addUrlPatterns("/v1/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return bean;
  }

  static ApiException tooLarge() {
    return new ApiException(
        413,
        "request_entity_too_large",
        "Request entity too large",
        "The request body exceeds " + MAX_BODY.toKilobytes() + " KiB");
  }

  /** Thrown while reading a chunked body past the limit; the error handler answers 413. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("request body too large");
    }
  }

  /** Counts what a chunked body delivers, since it has no Content-Length to check up front. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {

    LimitedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0 && ++read > MAX_BODY.toBytes()) {
            throw new BodyTooLargeException();
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          if (n > 0 && (read += n) > MAX_BODY.toBytes()) {
            throw new BodyTooLargeException();
          }
          return n;
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
