package dev.herald.shared;

import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the administrative commands ({@code projects ...}, {@code users ...}) share: Herald started
 * against its database without the web server or workers, and their {@code --name value} options.
 */
public final class Cli {

  private Cli() {}

  /** The application without web server, workers or banner; close it when the command is done. */
  public static ConfigurableApplicationContext start(Class<?> application) {
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .properties("herald.cli=true", "herald.roles=cli", "spring.main.banner-mode=off")
        .logStartupInfo(false)
        .run();
  }

  /** The value after {@code name} in {@code args}, or null. */
  public static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }
}
