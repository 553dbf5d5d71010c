package dev.herald.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client for tests: events arrive in a queue, in order. */
public final class SseClient implements AutoCloseable {

  public record SseEvent(String id, String name, String data) {}

  private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private volatile Stream<String> lines;

  public SseClient(Api api, String path, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.base() + path))
            .header("X-App-Id", api.appId())
            .header("X-App-Token", api.appToken())
            .header("Accept", "text/event-stream");
    headers.forEach(request::header);
    response =
        HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    // a thread of its own: CompletableFuture may run a callback on whoever waits on it
    java.util.concurrent.Executor reader =
        task -> {
          Thread t = new Thread(task, "sse-client");
          t.setDaemon(true);
          t.start();
        };
    response.thenAcceptAsync(
        r -> {
          lines = r.body();
          String[] current = new String[3];
          lines.forEach(
              line -> {
                if (line.isEmpty()) {
                  if (current[2] != null) {
                    events.add(new SseEvent(current[0], current[1], current[2]));
                  }
                  current[0] = current[1] = current[2] = null;
                } else if (line.startsWith("id:")) {
                  current[0] = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                  current[1] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                  current[2] = line.substring(5).trim();
                }
              });
        },
        reader);
  }

  public int status() throws Exception {
    return response.get(10, TimeUnit.SECONDS).statusCode();
  }

  /** The next event, waiting up to {@code timeout}; null if none came. */
  public SseEvent next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      lines.close();
    }
    response.cancel(true);
  }
}
