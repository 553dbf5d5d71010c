package dev.herald.shared.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the data lives: an external PostgreSQL ({@code HERALD_DB_URL}, user, password) or, when no
 * URL is set, an embedded PostgreSQL whose files live in {@code HERALD_DATA_DIR}.
 */
@ConfigurationProperties("herald.db")
public record DbProperties(
    String url, String user, String password, String dataDir, Integer poolSize) {

  public boolean embedded() {
    return url == null || url.isBlank();
  }

  public int poolSizeOrDefault() {
    return poolSize == null || poolSize < 2 ? 20 : poolSize;
  }
}
