package dev.herald.campaigns;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Public URLs of voucher images. {@code herald.public-url} when set (what customers' mail clients
 * reach); else the host of the current request; else this node's local port.
 */
@Component
class AssetUrls {

  private final String configured;
  private final Environment environment;

  AssetUrls(@Value("${herald.public-url:}") String configured, Environment environment) {
    this.configured =
        configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    this.environment = environment;
  }

  String base() {
    if (!configured.isBlank()) {
      return configured;
    }
    if (RequestContextHolder.getRequestAttributes() != null) {
      return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
    return "http://localhost:"
        + environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
  }

  String qr(String key) {
    return base() + "/assets/qr/" + key;
  }

  String barcode(String key) {
    return base() + "/assets/barcode/" + key;
  }
}
