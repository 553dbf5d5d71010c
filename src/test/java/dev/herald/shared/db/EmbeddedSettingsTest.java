package dev.herald.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedSettingsTest {

  private static final long MB = 1L << 20;
  private static final long GB = 1L << 30;

  @Test
  void theBufferCacheIsAnEighthOfTheMachineBetween128MbAnd2Gb() {
    assertThat(DatabaseServer.sharedBuffers(512 * MB)).isEqualTo("128MB");
    assertThat(DatabaseServer.sharedBuffers(2 * GB)).isEqualTo("256MB");
    assertThat(DatabaseServer.sharedBuffers(4 * GB)).isEqualTo("512MB");
    assertThat(DatabaseServer.sharedBuffers(12 * GB)).isEqualTo("1536MB");
    assertThat(DatabaseServer.sharedBuffers(24 * GB)).isEqualTo("2048MB");
    assertThat(DatabaseServer.sharedBuffers(256 * GB)).isEqualTo("2048MB");
  }

  @Test
  void anEmbeddedServerRunsWithTheSettingsSizesAsGivenAndOrdersTextByItsBytes() throws Exception {
    // the tests' server, made by the same builder as a Herald's own (DatabaseServer.embedded)
    try (Connection c = TestPostgres.get().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (String name : new String[] {"shared_buffers", "max_wal_size"}) {
        try (ResultSet rs =
            s.executeQuery(
                "select pg_size_bytes(current_setting('"
                    + name
                    + "')) = pg_size_bytes('"
                    + DatabaseServer.EMBEDDED_SETTINGS.get(name)
                    + "')")) {
          rs.next();
          assertThat(rs.getBoolean(1)).as(name).isTrue();
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "select datcollate, pg_encoding_to_char(encoding) from pg_database"
                  + " where datname = current_database()")) {
        rs.next();
        assertThat(rs.getString(1)).as("collation").isEqualTo(DatabaseServer.COLLATION);
        assertThat(rs.getString(2)).as("encoding").isEqualTo("UTF8");
      }
      for (String name : new String[] {"fsync", "synchronous_commit"}) {
        try (ResultSet rs = s.executeQuery("select current_setting('" + name + "')")) {
          rs.next();
          assertThat(rs.getString(1)).as(name).isEqualTo("on");
        }
      }
    }
  }
}
