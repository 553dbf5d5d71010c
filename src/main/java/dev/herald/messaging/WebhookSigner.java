package dev.herald.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of webhook bodies, with the project's secret ({@code whsec_<base64>}):
 *
 * <ul>
 *   <li>{@code x-voucherify-signature}: lowercase hex HMAC-SHA256 of the exact body bytes, keyed by
 *       the secret string as given (Voucherify's verifiers use the secret text as the key);
 *   <li>Standard Webhooks {@code webhook-signature: v1,<base64>}: HMAC-SHA256 of {@code
 *       id.timestamp.body}, keyed by the base64-decoded bytes after {@code whsec_}.
 * </ul>
 */
final class WebhookSigner {

  private WebhookSigner() {}

  static String voucherify(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  static String standard(String secret, String id, long timestampSeconds, byte[] body) {
    byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
    byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
