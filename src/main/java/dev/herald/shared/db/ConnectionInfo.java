package dev.herald.shared.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

/** How to open a connection outside the pool (the LISTEN connection needs its own). */
public record ConnectionInfo(String url, String user, String password) {

  /**
   * The {@code application_name} of every connection this node opens (pooled or not), so the
   * server's client list tells this node's connections from other nodes'.
   */
  public static final String APPLICATION_NAME =
      "herald-" + UUID.randomUUID().toString().substring(0, 8);

  public Connection open() throws SQLException {
    Properties props = new Properties();
    props.setProperty("ApplicationName", APPLICATION_NAME);
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return DriverManager.getConnection(url, props);
  }
}
