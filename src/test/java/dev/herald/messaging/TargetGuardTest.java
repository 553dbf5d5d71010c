package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.net.InetAddress;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook targets on loopback, private or link-local addresses are refused unless allowed. */
class TargetGuardTest {

  @StartStop final MockWebServer local = new MockWebServer();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1", "127.5.5.5", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "0.0.0.0", "::", "fc00::1", "fe80::1", "100.64.0.1", "::ffff:127.0.0.1",
        "::ffff:10.0.0.1", "224.0.0.1"
      })
  void refusesLocalAndPrivateAddresses(String address) throws Exception {
    assertThat(TargetGuard.refused(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "172.32.0.1", "2606:4700::1111"})
  void allowsPublicAddresses(String address) throws Exception {
    assertThat(TargetGuard.refused(InetAddress.getByName(address))).isFalse();
  }

  @Test
  void aNameResolvingToLoopbackIsRefusedAtResolution() {
    assertThatThrownBy(() -> new TargetGuard(false).resolve("localhost"))
        .isInstanceOf(TargetGuard.RefusedTarget.class);
  }

  private static final ChannelContext CONTEXT =
      new ChannelContext(new ProjectId("proj_t"), "customer.custom_event", null);

  private static WebhookChannel channel(boolean allowPrivate) {
    return DirectWebhooks.adapter(allowPrivate, Duration.ofSeconds(2));
  }

  @Test
  void aWebhookToALoopbackTargetFailsPermanentlyWithoutReachingIt() {
    local.enqueue(new MockResponse.Builder().code(200).build());
    String url = local.url("/h").toString();

    DeliveryResult refused = DirectWebhooks.deliver(channel(false), url, "msg_t");
    DeliveryResult allowed = DirectWebhooks.deliver(channel(true), url, "msg_t");

    assertThat(refused).isInstanceOf(DeliveryResult.Permanent.class);
    assertThat(((DeliveryResult.Permanent) refused).reason()).isEqualTo("private_target");
    assertThat(allowed).isInstanceOf(DeliveryResult.Delivered.class);
    assertThat(local.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aLiteralPrivateUrlIsRejectedWhenTheChannelIsSaved() {
    Body body =
        Body.of(
            Json.object()
                .put("type", "webhook")
                .put("url", "http://10.0.0.8/x")
                .put("event_name", "e"),
            "invalid_distribution");

    assertThatThrownBy(() -> channel(false).settings(body, true, CONTEXT))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).details())
        .asString()
        .contains("url", "private");
    assertThat(channel(true).settings(body, true, CONTEXT).get("url").asString())
        .isEqualTo("http://10.0.0.8/x");
  }
}
