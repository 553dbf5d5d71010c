package dev.herald.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One pooled {@link DataSource} on the embedded or the external server. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

  @Bean(destroyMethod = "close")
  DatabaseServer databaseServer(DbProperties props) {
    if (props.embedded()) {
      String dir =
          props.dataDir() == null || props.dataDir().isBlank() ? "./herald-data" : props.dataDir();
      return DatabaseServer.embedded(Path.of(dir));
    }
    return DatabaseServer.external(props.url(), props.user(), props.password());
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(DatabaseServer server, DbProperties props) {
    HikariConfig config = new HikariConfig();
    ConnectionInfo info = server.connection();
    config.setJdbcUrl(info.url());
    config.setUsername(info.user());
    config.setPassword(info.password());
    config.setMaximumPoolSize(props.poolSizeOrDefault());
    config.setPoolName("herald");
    // batched inserts travel as multi-row statements
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(config);
  }
}
