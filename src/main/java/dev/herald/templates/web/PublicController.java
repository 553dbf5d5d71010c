package dev.herald.templates.web;

import dev.herald.templates.PublicPages;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pages customers open from messages, without API keys (outside {@code /v1}): code images, the
 * cockpit, unsubscribe. Each URL holds a signed token; anything else is a plain 404.
 */
@RestController
@RequestMapping("/public")
class PublicController {

  private final PublicPages pages;

  PublicController(PublicPages pages) {
    this.pages = pages;
  }

  @GetMapping("/codes/{file}")
  ResponseEntity<byte[]> code(
      @PathVariable String file, @RequestParam(name = "size", defaultValue = "0") String size) {
    int dot = file.lastIndexOf('.');
    String format = dot < 0 ? "png" : file.substring(dot + 1);
    if (!format.equals("png") && !format.equals("svg")) {
      return notFound();
    }
    int scale;
    try {
      scale = Math.max(0, Math.min(20, Integer.parseInt(size)));
    } catch (NumberFormatException e) {
      scale = 0;
    }
    return respond(pages.codeImage(dot < 0 ? file : file.substring(0, dot), format, scale));
  }

  @GetMapping("/cockpit/{token}")
  ResponseEntity<byte[]> cockpit(@PathVariable String token) {
    return respond(pages.cockpit(token));
  }

  @GetMapping("/unsubscribe/{token}")
  ResponseEntity<byte[]> unsubscribePage(@PathVariable String token) {
    return respond(pages.unsubscribe(token, false));
  }

  /** The button of the page, and RFC 8058 one-click ({@code List-Unsubscribe=One-Click}). */
  @PostMapping("/unsubscribe/{token}")
  ResponseEntity<byte[]> unsubscribe(@PathVariable String token) {
    return respond(pages.unsubscribe(token, true));
  }

  private static ResponseEntity<byte[]> respond(Optional<PublicPages.Page> page) {
    if (page.isEmpty()) {
      return notFound();
    }
    PublicPages.Page p = page.get();
    return ResponseEntity.status(p.status())
        .contentType(MediaType.parseMediaType(p.contentType()))
        .cacheControl(
            p.immutable()
                ? CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable()
                : CacheControl.noStore())
        .header("Referrer-Policy", "no-referrer")
        .header("X-Robots-Tag", "noindex")
        .header("X-Content-Type-Options", "nosniff")
        .body(p.body());
  }

  private static ResponseEntity<byte[]> notFound() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.TEXT_PLAIN)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body("Not found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
