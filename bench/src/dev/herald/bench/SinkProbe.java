package dev.herald.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Checks the benchmark's webhook sink ({@link WebhookSink}) alone: pooled HTTP POSTs of a webhook's
 * size from 64 threads, per second, and the CPU this process used per request (client included).
 */
public final class SinkProbe {
  public static void main(String[] args) throws Exception {
    WebhookSink sink = new WebhookSink();
    AtomicInteger count = sink.count;
    String url = sink.url();
    CloseableHttpClient http = HttpClients.custom().setConnectionManager(
        PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(400).setMaxConnPerRoute(100).build()).build();
    byte[] body = new byte[6800];
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
    java.time.Duration cpu =
        ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    System.out.printf(
        "%d in %.2f s: %s; process CPU %.3f ms per request (client and sink)%n",
        total, (System.nanoTime() - t0) / 1e9, perSecond, cpu.toNanos() / 1e6 / total);
    System.exit(0);
  }
}
