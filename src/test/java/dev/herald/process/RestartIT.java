package dev.herald.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.HeraldProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-setup start: embedded PostgreSQL in HERALD_DATA_DIR, data kept across restarts. */
class RestartIT {

  @TempDir Path dataDir;

  private Map<String, String> env() {
    return Map.of(
        "HERALD_DATA_DIR", dataDir.toString(),
        "HERALD_BOOTSTRAP_APP_ID", "restart-app",
        "HERALD_BOOTSTRAP_APP_TOKEN", "restart-token");
  }

  @Test
  void dataSurvivesAGracefulRestartAndAKill() throws Exception {
    String id;
    try (HeraldProcess first = HeraldProcess.start("restart-1", env())) {
      Api api = first.api("restart-app", "restart-token");
      id =
          api.post("/v1/customers", Map.of("source_id", "keeper", "name", "Kept"))
              .json()
              .get("id")
              .asString();
      first.stop();
    }

    try (HeraldProcess second = HeraldProcess.start("restart-2", env())) {
      Api api = second.api("restart-app", "restart-token");
      assertThat(api.get("/v1/customers/keeper").json().get("id").asString()).isEqualTo(id);
      api.post("/v1/customers", Map.of("source_id", "after-kill", "name", "Survivor"));
      second.kill();
    }

    // The killed node's embedded PostgreSQL is still running; the next start adopts it.
    try (HeraldProcess third = HeraldProcess.start("restart-3", env())) {
      Api api = third.api("restart-app", "restart-token");
      assertThat(api.get("/v1/customers/after-kill").json().get("name").asString())
          .isEqualTo("Survivor");
      assertThat(api.get("/v1/customers").json().get("total").asInt()).isEqualTo(2);
      third.stop();
    }

    Path pidFile = dataDir.resolve("pg/postmaster.pid");
    assertThat(Files.exists(pidFile)).as("PostgreSQL stopped with the last node").isFalse();
  }

  @Test
  void withoutBootstrapKeysRandomKeysArePrintedOnceAndWork() {
    try (HeraldProcess node =
        HeraldProcess.start("random-keys", Map.of("HERALD_DATA_DIR", dataDir.toString()))) {
      List<String> lines = node.output().lines().toList();
      String appId = value(lines, "X-App-Id:");
      String token = value(lines, "X-App-Token:");

      assertThat(node.api(appId, token).get("/v1/projects/current").status()).isEqualTo(200);
      node.stop();
    }
    try (HeraldProcess again =
        HeraldProcess.start("random-keys-2", Map.of("HERALD_DATA_DIR", dataDir.toString()))) {
      assertThat(again.output()).doesNotContain("X-App-Token:");
      again.stop();
    }
  }

  private static String value(List<String> lines, String label) {
    return lines.stream()
        .filter(l -> l.trim().startsWith(label))
        .map(l -> l.trim().substring(label.length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + label + " printed"));
  }
}
