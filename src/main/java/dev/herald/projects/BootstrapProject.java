package dev.herald.projects;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On an empty database, creates the first project: with {@code HERALD_BOOTSTRAP_APP_ID}/{@code
 * HERALD_BOOTSTRAP_APP_TOKEN} when given, else with random keys printed once. Runs when the beans
 * are ready and before the web server starts, so no request (and no health check) comes before the
 * project and its printed keys.
 */
@Component
class BootstrapProject implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(BootstrapProject.class);

  private final Projects projects;
  private final String appId;
  private final String appToken;
  private final boolean cli;

  BootstrapProject(
      Projects projects,
      @Value("${herald.bootstrap.app-id:}") String appId,
      @Value("${herald.bootstrap.app-token:}") String appToken,
      @Value("${herald.cli:false}") boolean cli) {
    this.projects = projects;
    this.appId = appId;
    this.appToken = appToken;
    this.cli = cli;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (cli) {
      return;
    }
    Optional<ProjectKeys> created = projects.bootstrap(appId, appToken);
    created.ifPresent(
        keys -> {
          if (appToken == null || appToken.isBlank()) {
            String banner =
                "\n=================================================================\n"
                    + " Herald created the default project. Its API keys (shown once):\n"
                    + "   X-App-Id:    "
                    + keys.appId()
                    + "\n   X-App-Token: "
                    + keys.appToken()
                    + "\n=================================================================";
            System.out.println(banner);
          } else {
            log.info("Created the default project {} with the bootstrap keys", keys.projectId());
          }
        });
  }
}
