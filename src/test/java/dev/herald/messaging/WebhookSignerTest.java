package dev.herald.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  @Test
  void standardWebhooksSignatureMatchesTheSpecificationsExample() {
    // The worked example of the Standard Webhooks specification.
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSigner.standard(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void voucherifySignatureIsLowercaseHexHmacOfTheBody() {
    // echo -n '{"a":1}' | openssl dgst -sha256 -hmac 'secret'
    assertThat(WebhookSigner.voucherify("secret", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494");
  }
}
