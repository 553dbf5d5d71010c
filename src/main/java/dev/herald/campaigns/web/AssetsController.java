package dev.herald.campaigns.web;

import dev.herald.campaigns.Assets;
import dev.herald.shared.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public voucher images ({@code assets.qr.url}, {@code assets.barcode.url}): no API keys, as they
 * are embedded in emails; the unguessable key is the access control.
 */
@RestController
class AssetsController {

  private final Assets assets;

  AssetsController(Assets assets) {
    this.assets = assets;
  }

  @GetMapping("/assets/{kind}/{key}")
  ResponseEntity<byte[]> image(
      @PathVariable String kind,
      @PathVariable String key,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false, defaultValue = "png") String format) {
    if (!kind.equals("qr") && !kind.equals("barcode")) {
      throw ApiException.notFound("asset", kind);
    }
    if (size != null && (size < 1 || size > 100)) {
      throw ApiException.badRequest("invalid_query_params", "size must be between 1 and 100");
    }
    if (!format.equals("png") && !format.equals("svg")) {
      throw ApiException.badRequest("invalid_query_params", "format must be png or svg");
    }
    Assets.Image image =
        assets
            .render(kind, key, size == null ? 0 : size, format)
            .orElseThrow(() -> ApiException.notFound("asset", key));
    return ResponseEntity.ok()
        .header("Content-Type", image.contentType())
        .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic())
        .body(image.bytes());
  }
}
