package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook send's deadline, against a real receiver: it cuts off a receiver that keeps the
 * response trickling past it, and it is gone as soon as the send ends — a finished send leaves
 * nothing waiting on the timer.
 */
class WebhookDeadlineTest {

  @StartStop final MockWebServer receiver = new MockWebServer();

  /** Sends time out after one second; local receivers allowed. */
  private final WebhookChannel webhook = DirectWebhooks.adapter(true, Duration.ofSeconds(1));

  @AfterEach
  void close() throws Exception {
    webhook.destroy();
  }

  private DeliveryResult deliver(int n) {
    return deliver(n, receiver.url("/hook").toString());
  }

  private DeliveryResult deliver(int n, String url) {
    return DirectWebhooks.deliver(webhook, url, "msg_d" + n);
  }

  @Test
  void aFinishedSendLeavesNoDeadlineBehind() {
    for (int i = 0; i < 20; i++) {
      receiver.enqueue(new MockResponse.Builder().code(204).build());
    }
    for (int i = 0; i < 20; i++) {
      assertThat(deliver(i)).isInstanceOf(DeliveryResult.Delivered.class);
    }
    assertThat(receiver.getRequestCount()).isEqualTo(20);
    assertThat(webhook.pendingDeadlines())
        .as("each send's deadline went with it, not a second later")
        .isZero();
  }

  @Test
  void aResponseTricklingPastTheDeadlineIsCutOff() throws Exception {
    // a receiver that answers a byte every 100 ms: the socket timeout (a second without a byte)
    // never trips, only the send's deadline ends it
    try (ServerSocket trickler = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread serving =
          new Thread(
              () -> {
                try (Socket s = trickler.accept()) {
                  s.getInputStream().read(new byte[8192]);
                  OutputStream out = s.getOutputStream();
                  out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes());
                  for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                  }
                } catch (Exception e) {
                  // the client hung up
                }
              });
      serving.setDaemon(true);
      serving.start();
      long started = System.nanoTime();
      DeliveryResult result = deliver(0, "http://127.0.0.1:" + trickler.getLocalPort() + "/hook");
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(result).isInstanceOf(DeliveryResult.Retryable.class);
      assertThat(((DeliveryResult.Retryable) result).error()).isEqualTo("timed out after 1 s");
      assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
      assertThat(webhook.pendingDeadlines()).isZero();
    }
  }
}
