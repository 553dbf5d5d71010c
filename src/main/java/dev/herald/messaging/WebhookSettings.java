package dev.herald.messaging;

import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.templates.TemplateException;
import dev.herald.templates.Templates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * A webhook channel's settings: an absolute http(s) URL (a literal private address is refused when
 * saved; names are checked on every delivery, after resolution), custom headers (valid, unique, not
 * one Herald sets), the event name, the payload design (its variables checked against the trigger's
 * data) and the raw option.
 */
final class WebhookSettings {

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "content-type",
          "content-length",
          "host",
          "connection",
          "transfer-encoding",
          "user-agent",
          "x-voucherify-signature",
          "webhook-id",
          "webhook-timestamp",
          "webhook-signature");

  private WebhookSettings() {}

  /** Validates and normalizes a webhook channel's settings (URL, headers, event name, design). */
  static ObjectNode read(
      Body body,
      boolean complete,
      ChannelContext context,
      boolean allowPrivate,
      Templates templates) {
    ObjectNode out = ChannelSettings.common(body);
    body.string("url")
        .ifPresentOrElse(
            url -> out.put("url", checkUrl(body, url, allowPrivate)),
            () -> {
              if (complete) {
                throw body.invalid("url", "is required");
              }
            });
    ObjectNode headers = Json.object();
    body.object("headers")
        .ifPresent(
            h -> {
              Set<String> seen = new HashSet<>();
              for (String name : h.node().propertyNames()) {
                String value =
                    h.string(name).orElseThrow(() -> h.invalid(name, "must be a string"));
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HEADER_NAME.matcher(name).matches()) {
                  throw h.invalid(name, "is not a valid header name");
                }
                if (RESERVED_HEADERS.contains(lower)) {
                  throw h.invalid(name, "is set by Herald and cannot be overridden");
                }
                if (!seen.add(lower)) {
                  throw h.invalid(name, "is given twice (header names are case-insensitive)");
                }
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                  throw h.invalid(name, "must not contain line breaks");
                }
                headers.put(name, value);
              }
            });
    out.set("headers", headers);
    body.string("event_name")
        .ifPresentOrElse(
            name -> out.put("event_name", name),
            () -> {
              if (complete) {
                throw body.invalid("event_name", "is required");
              }
            });
    body.raw("payload")
        .ifPresent(
            design -> {
              try {
                templates.validatePayload(design, context.triggerType());
              } catch (TemplateException e) {
                throw body.invalid("payload", e.getMessage());
              }
              out.set("payload", design);
            });
    out.put("raw_payload", body.bool("raw_payload").orElse(false));
    if (out.path("raw_payload").asBoolean() && !out.has("payload") && complete) {
      throw body.invalid("payload", "is required when raw_payload is true");
    }
    return out;
  }

  private static String checkUrl(Body body, String url, boolean allowPrivate) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!List.of("http", "https").contains(scheme) || uri.getHost() == null) {
        throw body.invalid("url", "must be an absolute http or https URL");
      }
      if (!allowPrivate && literalPrivate(uri.getHost())) {
        throw body.invalid("url", "points at a private or local address, which is not allowed");
      }
      return url;
    } catch (URISyntaxException e) {
      throw body.invalid("url", "is not a valid URL");
    }
  }

  private static boolean literalPrivate(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost") || h.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // a name: checked on every delivery, after resolution
    }
    try {
      return TargetGuard.refused(InetAddress.getByName(h));
    } catch (IOException e) {
      return false;
    }
  }
}
