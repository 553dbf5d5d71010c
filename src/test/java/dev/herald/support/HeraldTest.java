package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.projects.ProjectId;
import dev.herald.projects.ProjectKeys;
import dev.herald.projects.Projects;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on a random port, on the per-JVM test PostgreSQL, with workers running and
 * a clock tests can move. Every test class extending this shares one application context; tests
 * isolate themselves by creating their own project.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "herald.webhook.allow-private-targets=true",
      "herald.webhook.retry-jitter=0",
      "herald.webhook.timeout=PT2S",
      "logging.level.dev.herald.shared.work=ERROR"
    })
@Import(HeraldTest.TestBeans.class)
public abstract class HeraldTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class TestBeans {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }

    @Bean
    RecordingConsumer recordingConsumer() {
      return new RecordingConsumer();
    }

    @Bean
    BatchRecordingConsumer batchRecordingConsumer(JdbcClient jdbc) {
      return new BatchRecordingConsumer(jdbc);
    }

    @Bean
    ReadingConsumer readingConsumer(JdbcClient jdbc) {
      return new ReadingConsumer(jdbc);
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("herald.db.url", TestPostgres::jdbcUrl);
    registry.add("herald.db.user", () -> "postgres");
  }

  @LocalServerPort protected int port;
  @Autowired protected Projects projects;
  @Autowired protected TestClock clock;
  @Autowired protected Clock appClock;
  @Autowired private JdbcClient database;

  /** A new project and an API client holding its keys. */
  protected Api newProject() {
    ProjectKeys keys = projects.create("test", null, null);
    return new Api("http://localhost:" + port, keys.appId(), keys.appToken());
  }

  /** A client without keys. */
  protected Api anonymous() {
    return new Api("http://localhost:" + port, null, null);
  }

  /** The project whose keys the client holds. */
  protected ProjectId projectOf(Api api) {
    return projects.authenticate(api.appId(), api.appToken()).orElseThrow();
  }

  /** The event log of the client's project. */
  protected Events events(Api api) {
    return new Events(database, projectOf(api).value());
  }

  /** The body of a 200 answer (fails with the answer's text otherwise). */
  protected static JsonNode ok(Api.Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  /**
   * {@code n} customers of the client's project straight into the table (tests about sending to
   * many, not about the API): source ids {@code <prefix>-0 ... <prefix>-(n-1)}, ids unique to this
   * call and in that order.
   */
  protected List<String> insertCustomers(Api api, String prefix, int n) {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("cust_%s%s%06d", prefix, unique, i));
    }
    database
        .sql(
            """
            insert into customer (id, project_id, source_id, email, metadata, created_at)
            select id, :project, :prefix || '-' || (ordinality - 1), id || '@example.com', '{}',
              :now
            from unnest(cast(:ids as text[])) with ordinality as u(id, ordinality)
            """)
        .param("project", projectOf(api).value())
        .param("prefix", prefix)
        .param("ids", ids.toArray(String[]::new))
        .param("now", Timestamp.from(clock.instant()))
        .update();
    return ids;
  }

  /** A static segment of these customers; its id. */
  protected static String staticSegment(Api api, List<String> customerIds) {
    return ok(api.post(
            "/v1/segments", Map.of("name", "Everyone", "type", "static", "customers", customerIds)))
        .get("id")
        .asString();
  }

  /** Asserts a Voucherify-style error answer with this status and key. */
  protected static void error(Api.Response r, int status, String key) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.json().path("key").asString()).as(r.text()).isEqualTo(key);
  }
}
