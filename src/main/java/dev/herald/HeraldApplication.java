package dev.herald;

import dev.herald.dashboard.UsersCommand;
import dev.herald.projects.ProjectsCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Herald: a self-hosted Distribution Manager for promotions.
 *
 * <p>{@code java -jar herald.jar} serves the API, the dashboard and the background workers. {@code
 * java -jar herald.jar projects ...} and {@code users ...} run an administrative command against
 * the same database and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HeraldApplication {

  public static void main(String[] args) {
    if (ProjectsCommand.isCommand(args)) {
      System.exit(ProjectsCommand.run(HeraldApplication.class, args));
    }
    if (UsersCommand.isCommand(args)) {
      System.exit(UsersCommand.run(HeraldApplication.class, args));
    }
    SpringApplication.run(HeraldApplication.class, args);
  }
}
