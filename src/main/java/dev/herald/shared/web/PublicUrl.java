package dev.herald.shared.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where customers reach this Herald: {@code herald.public-url} when set, else this node's local
 * address. Asked for every link and image URL in every payload, so the answer is kept once the web
 * server has started (its port stays).
 */
@Component
public class PublicUrl {

  private final String configured;
  private final Environment environment;
  private volatile String local;

  public PublicUrl(@Value("${herald.public-url:}") String configured, Environment environment) {
    this.configured =
        configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    this.environment = environment;
  }

  /** {@code herald.public-url} without a trailing slash; blank when not set. */
  public String configured() {
    return configured;
  }

  /** The configured URL, else {@code http://localhost:<port>}. */
  public String base() {
    if (!configured.isBlank()) {
      return configured;
    }
    String known = local;
    if (known != null) {
      return known;
    }
    String port = environment.getProperty("local.server.port");
    String found =
        "http://localhost:"
            + (port != null ? port : environment.getProperty("server.port", "8080"));
    if (port != null) {
      local = found;
    }
    return found;
  }
}
