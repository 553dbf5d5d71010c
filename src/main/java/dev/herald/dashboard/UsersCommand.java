package dev.herald.dashboard;

import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Cli;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar herald.jar users <create PROJECT_ID EMAIL [--name NAME] [--password P] | list
 * PROJECT_ID | set-password EMAIL [--password P]>}: dashboard users, beside the {@code projects}
 * command. Without {@code --password} (or {@code HERALD_DASHBOARD_PASSWORD}) a random password is
 * made and printed once.
 */
public final class UsersCommand {

  private static final String USAGE =
      "usage: users create PROJECT_ID EMAIL [--name NAME] [--password PASSWORD]"
          + " | users list PROJECT_ID | users set-password EMAIL [--password PASSWORD]";

  private UsersCommand() {}

  public static boolean isCommand(String[] args) {
    return args.length > 0 && args[0].equals("users");
  }

  public static int run(Class<?> application, String[] args) {
    PrintStream out = System.out;
    List<String> a = Arrays.asList(args);
    if (a.size() < 3 || !List.of("create", "list", "set-password").contains(a.get(1))) {
      out.println(USAGE);
      return 2;
    }
    if (a.get(1).equals("create") && a.size() < 4) {
      out.println(USAGE);
      return 2;
    }
    try (ConfigurableApplicationContext context = Cli.start(application)) {
      DashboardUsers users = context.getBean(DashboardUsers.class);
      switch (a.get(1)) {
        case "create" -> {
          String password = password(a);
          DashboardUser user =
              users.create(new ProjectId(a.get(2)), a.get(3), Cli.option(a, "--name"), password);
          out.println("user:     " + user.id());
          out.println("project:  " + user.projectId());
          out.println("email:    " + user.email());
          if (Cli.option(a, "--password") == null
              && System.getenv("HERALD_DASHBOARD_PASSWORD") == null) {
            out.println("password: " + password);
          }
          out.println("Sign in at /dashboard/login");
        }
        case "set-password" -> {
          String password = password(a);
          users.setPassword(a.get(2), password);
          out.println("password set for " + a.get(2));
          if (Cli.option(a, "--password") == null
              && System.getenv("HERALD_DASHBOARD_PASSWORD") == null) {
            out.println("password: " + password);
          }
        }
        default ->
            users
                .ofProject(new ProjectId(a.get(2)))
                .forEach(u -> out.println(u.id() + "\t" + u.email() + "\t" + u.displayName()));
      }
      return 0;
    } catch (ApiException e) {
      System.err.println("users: " + e.details());
      return 1;
    } catch (RuntimeException e) {
      System.err.println("users: " + e.getMessage());
      return 1;
    }
  }

  private static String password(List<String> args) {
    String given = Cli.option(args, "--password");
    if (given == null) {
      given = System.getenv("HERALD_DASHBOARD_PASSWORD");
    }
    if (given != null) {
      return given;
    }
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
