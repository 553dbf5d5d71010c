package dev.herald.web;

import dev.herald.shared.ApiException;
import dev.herald.shared.web.ApiErrors;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Requests Tomcat handles before any of Herald runs. Identifiers in paths may hold any character: a
 * voucher code {@code A/B} is addressed as {@code /v1/vouchers/A%2FB}, as with Voucherify — Tomcat
 * passes the encoded slash through (by default it refuses it), routing matches on the encoded path,
 * and the path variable arrives decoded. A request Tomcat still cannot take (a malformed escape
 * such as {@code %zz}) is answered with Voucherify's error JSON instead of Tomcat's HTML page.
 */
@Configuration(proxyBeanMethods = false)
class EncodedPaths {

  @Bean
  TomcatConnectorCustomizer encodedSlashesPassThrough() {
    return connector -> connector.setEncodedSolidusHandling("passthrough");
  }

  @Bean
  TomcatContextCustomizer errorJsonFromTomcat() {
    return context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ErrorJsonValve.class.getName());
      }
    };
  }

  /** Tomcat's own error report as an error JSON; made by Tomcat from its class name. */
  public static class ErrorJsonValve extends ErrorReportValve {

    public ErrorJsonValve() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      // only an error nothing has answered yet: what Herald wrote stays as it is
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      ApiException error =
          status == 400
              ? ApiException.badRequest(
                  "invalid_request", "The request could not be read (its URL or headers)")
              : new ApiException(
                  status, "request_failed", "Request failed", "The request could not be handled");
      try {
        response.resetBuffer();
        ApiErrors.write(request, response, error);
        response.finishResponse();
      } catch (IOException | IllegalStateException e) {
        // the connection is gone or the response was already sent: nothing left to answer
      }
    }
  }
}
