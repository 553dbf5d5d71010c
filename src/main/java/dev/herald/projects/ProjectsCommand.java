package dev.herald.projects;

import dev.herald.shared.Cli;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar herald.jar projects <create NAME [--app-id ID --app-token TOKEN] | rotate-keys
 * PROJECT_ID | list>}: administers projects on the configured database and exits. Works while a
 * server runs on the same embedded data directory (it joins that PostgreSQL).
 */
public final class ProjectsCommand {

  private ProjectsCommand() {}

  public static boolean isCommand(String[] args) {
    return args.length > 0 && args[0].equals("projects");
  }

  public static int run(Class<?> application, String[] args) {
    PrintStream out = System.out;
    List<String> a = Arrays.asList(args);
    if (a.size() < 2 || !List.of("create", "rotate-keys", "list").contains(a.get(1))) {
      out.println(
          "usage: projects create NAME [--app-id ID --app-token TOKEN] | projects rotate-keys"
              + " PROJECT_ID | projects list");
      return 2;
    }
    try (ConfigurableApplicationContext context = Cli.start(application)) {
      Projects projects = context.getBean(Projects.class);
      switch (a.get(1)) {
        case "create" -> {
          if (a.size() < 3) {
            out.println("usage: projects create NAME [--app-id ID --app-token TOKEN]");
            return 2;
          }
          ProjectKeys keys =
              projects.create(a.get(2), Cli.option(a, "--app-id"), Cli.option(a, "--app-token"));
          out.println("project:     " + keys.projectId());
          out.println("X-App-Id:    " + keys.appId());
          out.println("X-App-Token: " + keys.appToken());
        }
        case "rotate-keys" -> {
          if (a.size() < 3) {
            out.println("usage: projects rotate-keys PROJECT_ID");
            return 2;
          }
          ProjectKeys keys = projects.rotateKeys(new ProjectId(a.get(2)));
          out.println("project:     " + keys.projectId());
          out.println("X-App-Id:    " + keys.appId());
          out.println("X-App-Token: " + keys.appToken());
        }
        default ->
            projects
                .list()
                .forEach(p -> out.println(p.id() + "\t" + p.name() + "\t" + p.timeZone()));
      }
      return 0;
    } catch (RuntimeException e) {
      System.err.println("projects: " + e.getMessage());
      return 1;
    }
  }
}
