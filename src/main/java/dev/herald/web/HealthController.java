package dev.herald.web;

import dev.herald.shared.work.HeraldRoles;
import dev.herald.shared.work.WorkerRuntime;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health}: 200 once migrations ran, the database answers and workers started. */
@RestController
class HealthController {

  private final JdbcClient jdbc;
  private final WorkerRuntime workers;
  private final HeraldRoles roles;

  HealthController(JdbcClient jdbc, WorkerRuntime workers, HeraldRoles roles) {
    this.jdbc = jdbc;
    this.workers = workers;
    this.roles = roles;
  }

  @GetMapping("/health")
  ResponseEntity<Map<String, String>> health() {
    try {
      jdbc.sql("select 1").query().singleValue();
    } catch (RuntimeException e) {
      return ResponseEntity.status(503).body(Map.of("status", "DOWN", "reason", "database"));
    }
    if (roles.worker() && !workers.isRunning()) {
      return ResponseEntity.status(503).body(Map.of("status", "STARTING"));
    }
    return ResponseEntity.ok(Map.of("status", "UP"));
  }
}
