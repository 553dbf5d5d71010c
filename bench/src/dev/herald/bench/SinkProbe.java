package dev.herald.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/** Checks the benchmark's webhook sink alone: pooled HTTP POSTs from 64 threads, per second. */
public final class SinkProbe {
  public static void main(String[] args) throws Exception {
    AtomicInteger count = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(Executors.newFixedThreadPool(64));
    server.createContext("/hook", ex -> {
      try (InputStream in = ex.getRequestBody()) { in.readAllBytes(); }
      count.incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    CloseableHttpClient http = HttpClients.custom().setConnectionManager(
        PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(400).setMaxConnPerRoute(100).build()).build();
    byte[] body = new byte[1500];
    ExecutorService senders = Executors.newFixedThreadPool(64);
    int total = Integer.parseInt(args.length > 0 ? args[0] : "20000");
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    for (int t = 0; t < 64; t++) {
      senders.execute(() -> {
        while (next.getAndIncrement() < total) {
          HttpPost post = new HttpPost(url);
          post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
          try { http.execute(post, r -> r.getCode()); } catch (Exception e) { throw new RuntimeException(e); }
        }
      });
    }
    int last = 0;
    StringBuilder perSecond = new StringBuilder();
    while (count.get() < total) {
      Thread.sleep(1000);
      int c = count.get();
      perSecond.append(c - last).append(' ');
      last = c;
    }
    System.out.printf("%d in %.2f s: %s%n", total, (System.nanoTime() - t0) / 1e9, perSecond);
    System.exit(0);
  }
}
