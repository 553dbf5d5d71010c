package dev.herald.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.HeraldProcess;
import dev.herald.support.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code java -jar herald.jar users ...} makes dashboard users who can then sign in. */
class UsersCommandIT {

  @Test
  void createsAUserWhoSignsInAndSetsTheirPassword() {
    Map<String, String> env =
        Map.of(
            "HERALD_DB_URL", TestPostgres.newDatabase("users_cli"),
            "HERALD_DB_USER", "postgres",
            "HERALD_BOOTSTRAP_APP_ID", "boot-app",
            "HERALD_BOOTSTRAP_APP_TOKEN", "boot-token");
    try (HeraldProcess node = HeraldProcess.start("users-cli", env)) {
      String project =
          node.api("boot-app", "boot-token")
              .get("/v1/projects/current")
              .json()
              .get("id")
              .asString();
      String created =
          HeraldProcess.command(
              env, "users", "create", project, "mia@example.com", "--name", "Mia");
      String password = line(created, "password:");
      assertThat(line(created, "project:")).isEqualTo(project);
      assertThat(HeraldProcess.command(env, "users", "list", project)).contains("mia@example.com");

      WebSession web = new WebSession(node.baseUrl());
      assertThat(WebSession.location(web.signIn("mia@example.com", password)))
          .endsWith("/dashboard/distributions");
      assertThat(web.open("/dashboard/distributions").body()).contains("Mia");

      HeraldProcess.command(
          env, "users", "set-password", "mia@example.com", "--password", "a brand new secret");
      assertThat(
              WebSession.location(
                  new WebSession(node.baseUrl()).signIn("mia@example.com", password)))
          .contains("error=credentials");
      assertThat(
              WebSession.location(
                  new WebSession(node.baseUrl()).signIn("mia@example.com", "a brand new secret")))
          .endsWith("/dashboard/distributions");
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
