package dev.herald.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.HeraldProcess;
import dev.herald.support.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code java -jar herald.jar projects ...} administers projects on the configured database. */
class ProjectsCommandIT {

  @Test
  void createsProjectsAndRotatesKeys() {
    Map<String, String> env =
        Map.of(
            "HERALD_DB_URL", TestPostgres.newDatabase("projects_cli"),
            "HERALD_DB_USER", "postgres",
            "HERALD_BOOTSTRAP_APP_ID", "boot-app",
            "HERALD_BOOTSTRAP_APP_TOKEN", "boot-token");
    try (HeraldProcess node = HeraldProcess.start("projects-cli", env)) {
      String created = HeraldProcess.command(env, "projects", "create", "Acme");
      String appId = line(created, "X-App-Id:");
      String token = line(created, "X-App-Token:");
      String projectId = line(created, "project:");

      assertThat(node.api(appId, token).get("/v1/projects/current").json().get("name").asString())
          .isEqualTo("Acme");
      assertThat(
              node.api("boot-app", "boot-token")
                  .get("/v1/projects/current")
                  .json()
                  .get("id")
                  .asString())
          .isNotEqualTo(projectId);
      assertThat(HeraldProcess.command(env, "projects", "list"))
          .contains(projectId, "Acme", "Default project");

      String rotated = HeraldProcess.command(env, "projects", "rotate-keys", projectId);
      String newId = line(rotated, "X-App-Id:");
      String newToken = line(rotated, "X-App-Token:");
      // keys are cached for up to 30 s per node; a fresh key is found at once
      assertThat(node.api(newId, newToken).get("/v1/projects/current").json().get("id").asString())
          .isEqualTo(projectId);
      node.stop();
    }
  }

  private static String line(String output, String label) {
    return output
        .lines()
        .filter(l -> l.startsWith(label))
        .map(l -> l.substring(label.length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError(label + " missing in:\n" + output));
  }
}
