package dev.herald.campaigns;

import dev.herald.shared.web.PublicUrl;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Public URLs of voucher images. {@code herald.public-url} when set (what customers' mail clients
 * reach); else the host of the current request; else this node's local port.
 */
@Component
class AssetUrls {

  private final PublicUrl publicUrl;

  AssetUrls(PublicUrl publicUrl) {
    this.publicUrl = publicUrl;
  }

  String base() {
    if (publicUrl.configured().isBlank() && RequestContextHolder.getRequestAttributes() != null) {
      return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
    return publicUrl.base();
  }

  String qr(String key) {
    return base() + "/assets/qr/" + key;
  }

  String barcode(String key) {
    return base() + "/assets/barcode/" + key;
  }
}
