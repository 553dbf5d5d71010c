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

  /** One HMAC engine per sending thread, keyed anew for each signature. */
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });

  static String voucherify(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  static String standard(String secret, String id, long timestampSeconds, byte[] body) {
    byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
    byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    return "v1," + Base64.getEncoder().encodeToString(hmac(key, prefix, body));
  }

  /** HMAC-SHA256 of the parts, one after another, as of their concatenation. */
  private static byte[] hmac(byte[] key, byte[]... parts) {
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }
}
