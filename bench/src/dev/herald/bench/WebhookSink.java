package dev.herald.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook sink: counts deliveries and notes when each customer's webhook arrived. */
public final class WebhookSink {
  public final AtomicInteger count = new AtomicInteger();
  public final java.util.concurrent.atomic.AtomicLong bytes =
      new java.util.concurrent.atomic.AtomicLong();
  public final Map<String, Long> arrivals = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(64);

  public WebhookSink() throws java.io.IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(threads);
    server.createContext(
        "/hook",
        exchange -> {
          long now = System.nanoTime();
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
          int at = text.indexOf("\"source_id\":\"");
          if (at >= 0) {
            int end = text.indexOf('"', at + 13);
            arrivals.putIfAbsent(text.substring(at + 13, end), now);
          }
          bytes.addAndGet(body.length);
          count.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  public long arrivalsOf(String prefix) {
    return arrivals.keySet().stream().filter(k -> k.startsWith(prefix)).count();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public void stop() {
    server.stop(0);
    threads.shutdownNow();
  }
}
