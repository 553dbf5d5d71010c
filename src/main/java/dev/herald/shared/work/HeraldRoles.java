package dev.herald.shared.work;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What this node does ({@code HERALD_ROLES}, default {@code api,worker}): {@code api} serves the
 * REST API, {@code worker} runs the background workers. Any mix of nodes may share one database.
 */
@ConfigurationProperties("herald")
public record HeraldRoles(List<String> roles) {

  public boolean api() {
    return roles == null || roles.contains("api");
  }

  public boolean worker() {
    return roles == null || roles.contains("worker");
  }
}
