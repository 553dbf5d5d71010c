package dev.herald.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Herald as a real operating-system process, started from the packaged jar (failsafe passes its
 * path as {@code herald.jar}). Used by the *IT tests that kill, restart and multiply nodes.
 */
public final class HeraldProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private HeraldProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static Path jar() {
    String jar = System.getProperty("herald.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("herald.jar not built; run through ./mvnw verify (failsafe)");
    }
    return Path.of(jar);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The environment every test node needs: the database (user {@code postgres}), the first
   * project's keys, and webhooks allowed to local receivers. Mutable: a test adds its own.
   */
  public static Map<String, String> env(String dbUrl, String appId, String appToken) {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_DB_URL", dbUrl);
    env.put("HERALD_DB_USER", "postgres");
    env.put("HERALD_BOOTSTRAP_APP_ID", appId);
    env.put("HERALD_BOOTSTRAP_APP_TOKEN", appToken);
    env.put("HERALD_WEBHOOK_ALLOW_PRIVATE_TARGETS", "true");
    return env;
  }

  /** Starts a node with these environment variables and waits until {@code /health} is UP. */
  public static HeraldProcess start(String name, Map<String, String> env) {
    int port = freePort();
    Map<String, String> all = new HashMap<>(env);
    all.put("HERALD_PORT", Integer.toString(port));
    Path log = Path.of("target/it-logs/" + name + "-" + port + ".log");
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(javaCommand(all, List.of()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(all);
      HeraldProcess node = new HeraldProcess(builder.start(), port, log);
      node.awaitHealthy(Duration.ofSeconds(120));
      return node;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code java -jar herald.jar args...} to completion; returns its output. */
  public static String command(Map<String, String> env, String... args) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(javaCommand(env, List.of(args))).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process p = builder.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "command failed: " + new String(out, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code java -jar herald.jar} as the README runs it: a 512 MB heap and the throughput collector
   * with half of it young (decision 0019), unless the environment's {@code JAVA_TOOL_OPTIONS} names
   * a collector (a benchmark comparing them).
   */
  private static List<String> javaCommand(Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    if (!env.getOrDefault("JAVA_TOOL_OPTIONS", "").matches(".*-XX:\\+Use\\w+GC\\b.*")) {
      command.add("-XX:+UseParallelGC");
      command.add("-XX:NewRatio=1");
    }
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    return command;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public Api api(String appId, String appToken) {
    return new Api(baseUrl(), appId, appToken);
  }

  public long pid() {
    return process.pid();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Herald exited during startup:\n" + output());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("Herald did not become healthy:\n" + output());
  }

  /** {@code kill -9}: no shutdown hooks, no graceful anything. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** {@code SIGTERM}: graceful shutdown. */
  public void stop() {
    process.destroy();
    waitFor();
  }

  private void waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}
