package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the official Voucherify SDK scripts of {@code src/test/sdk} against a running Herald with
 * {@code node --test}. A machine without node fails these tests with a message saying so; it never
 * passes them silently.
 */
public final class NodeSdk {

  private static final Path SOURCE = Path.of("src/test/sdk");
  private static final Path WORK = Path.of("target/sdk");
  private static boolean installed;

  private NodeSdk() {}

  /** Runs one test script as the project of {@code api}; asserts it passes, showing its output. */
  public static void run(String script, Api api) {
    install();
    String output =
        exec(
            List.of("node", "--test", "--test-reporter=spec", script),
            Map.of(
                "HERALD_URL", api.base(),
                "HERALD_APP_ID", api.appId(),
                "HERALD_APP_TOKEN", api.appToken()),
            Duration.SCRIPT);
    assertThat(output).contains("ℹ fail 0").containsPattern("ℹ pass [1-9]");
  }

  private enum Duration {
    INSTALL(300),
    SCRIPT(300);

    final int seconds;

    Duration(int seconds) {
      this.seconds = seconds;
    }
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    try {
      exec(List.of("node", "--version"), Map.of(), Duration.INSTALL);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "Node.js is required for the Voucherify SDK acceptance tests (node and npm on PATH)", e);
    }
    try {
      Files.createDirectories(WORK);
      try (Stream<Path> files = Files.list(SOURCE)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/@voucherify/sdk"))) {
      exec(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.INSTALL);
    }
    installed = true;
  }

  private static String exec(List<String> command, Map<String, String> env, Duration limit) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(WORK.toFile().exists() ? WORK.toFile() : null);
      builder.redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(limit.seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed:\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
