package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard on real deliveries, with adapters built the way production builds them (private
 * targets not allowed; the shared test context allows them so tests can use local receivers).
 */
class SsrfTest {

  @StartStop final MockWebServer inside = new MockWebServer();

  private static WebhookChannel webhook(boolean allowPrivate) {
    return DirectWebhooks.adapter(allowPrivate, Duration.ofSeconds(3));
  }

  private static DeliveryResult deliver(WebhookChannel channel, String url) {
    return DirectWebhooks.deliver(channel, url, "msg_s");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9/hook", // IPv4 loopback
        "http://[::1]:9/hook", // IPv6 loopback
        "http://10.20.30.40/hook", // 10/8
        "http://172.16.5.5/hook", // 172.16/12
        "http://172.31.255.254/hook",
        "http://192.168.0.10/hook", // 192.168/16
        "http://169.254.169.254/latest/meta-data/", // cloud metadata
        "http://[fd00::1]/hook", // IPv6 unique local
        "http://[::ffff:127.0.0.1]/hook", // IPv4-mapped loopback
        "http://localhost:9/hook" // a DNS name resolving to 127.0.0.1
      })
  void aWebhookToAPrivateTargetIsRefusedBeforeAnyConnection(String url) {
    long started = System.nanoTime();
    DeliveryResult result = deliver(webhook(false), url);
    assertThat(result).isInstanceOf(DeliveryResult.Permanent.class);
    assertThat(((DeliveryResult.Permanent) result).reason()).isEqualTo("private_target");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("refused at resolution, not after a connect timeout")
        .isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void theSameTargetIsReachedWhenPrivateTargetsAreAllowed() {
    inside.enqueue(new MockResponse.Builder().code(204).build());
    assertThat(deliver(webhook(true), inside.url("/hook").toString()))
        .isInstanceOf(DeliveryResult.Delivered.class);
  }

  @Test
  void aRedirectIsNeverFollowedSoItCannotLeadToAPrivateAddress() throws Exception {
    try (MockWebServer redirector = new MockWebServer()) {
      redirector.start();
      redirector.enqueue(
          new MockResponse.Builder()
              .code(302)
              .addHeader("Location", inside.url("/metadata").toString())
              .build());
      DeliveryResult result = deliver(webhook(true), redirector.url("/hook").toString());
      assertThat(result)
          .as("a 3xx is a failed delivery")
          .isNotInstanceOf(DeliveryResult.Delivered.class);
      assertThat(result.statusCode()).isEqualTo(302);
      assertThat(inside.getRequestCount()).as("the redirect target was never contacted").isZero();
    }
  }

  @Test
  void aProjectsOwnProviderUrlIsGuardedToo() {
    ProviderHttp guarded =
        new ProviderHttp(
            new WebhookProperties(
                List.of(Duration.ofMinutes(1)), Duration.ofSeconds(3), false, 0.0, 4),
            Clock.systemUTC());
    org.apache.hc.client5.http.classic.methods.HttpPost post =
        new org.apache.hc.client5.http.classic.methods.HttpPost(
            "http://169.254.169.254/users/track");
    DeliveryResult result;
    try {
      guarded.send(post, java.util.Map.of(), true);
      result = null;
    } catch (java.io.IOException e) {
      result = ProviderHttp.networkFailure(e);
    }
    assertThat(result).isInstanceOf(DeliveryResult.Permanent.class);
    assertThat(((DeliveryResult.Permanent) result).reason()).isEqualTo("private_target");
  }
}
