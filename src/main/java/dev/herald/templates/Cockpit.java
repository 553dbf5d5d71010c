package dev.herald.templates;

import dev.herald.customers.Customer;
import dev.herald.projects.Project;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The customer cockpit: a small hosted page per customer (reached through the signed {@code
 * customer.assets.cockpit_url}) listing their active codes with QR codes, gift card balances, and
 * loyalty points and tier, as the {@link WalletSource}s report them.
 */
@Component
class Cockpit {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private final ObjectProvider<WalletSource> sources;
  private final PublicLinks links;

  Cockpit(ObjectProvider<WalletSource> sources, PublicLinks links) {
    this.sources = sources;
    this.links = links;
  }

  /** Items of every source, merged by code (higher priority wins), codes first. */
  List<WalletItem> items(Customer customer) {
    Map<String, WalletItem> merged = new LinkedHashMap<>();
    Map<String, Integer> priorities = new LinkedHashMap<>();
    sources
        .orderedStream()
        .forEach(
            source -> {
              for (WalletItem item : source.items(customer)) {
                String key =
                    item.code() != null ? "code:" + item.code() : item.kind() + ":" + item.title();
                Integer seen = priorities.get(key);
                if (seen == null || source.priority() > seen) {
                  merged.put(key, item);
                  priorities.put(key, source.priority());
                }
              }
            });
    List<WalletItem> out = new ArrayList<>(merged.values());
    out.sort(
        Comparator.comparing((WalletItem i) -> order(i.kind()))
            .thenComparing(i -> !i.active())
            .thenComparing(i -> i.expiresAt() == null ? Instant.MAX : i.expiresAt()));
    return out;
  }

  private static int order(String kind) {
    return switch (kind) {
      case WalletItem.CODE -> 0;
      case WalletItem.REFERRAL_CODE -> 1;
      case WalletItem.GIFT_CARD -> 2;
      case WalletItem.LOYALTY_CARD -> 3;
      default -> 4;
    };
  }

  String page(Project project, Customer customer) {
    JsonNode brand = project.brand();
    String brandName = brand.path("name").asString(project.name());
    List<WalletItem> items = items(customer);
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" />")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
        .append("<meta name=\"robots\" content=\"noindex\" /><title>");
    Html.escape(h, brandName + " · Your wallet");
    h.append("</title><style>")
        .append(
            "body{margin:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222}")
        .append(".wrap{max-width:640px;margin:0 auto;padding:24px 16px}")
        .append(
            "h1{font-size:22px;margin:8px 0 4px}h2{font-size:16px;margin:28px 0 10px;color:#555;text-transform:uppercase;letter-spacing:1px}")
        .append(
            ".card{background:#fff;border:1px solid #e5e5e5;border-radius:8px;padding:16px;margin:0 0 12px;display:flex;gap:16px;align-items:center}")
        .append(
            ".card img{width:120px;height:auto;flex:none}.code{font-family:'Courier New',monospace;font-size:20px;font-weight:bold;letter-spacing:2px}")
        .append(
            ".muted{color:#777;font-size:13px}.value{font-size:18px;font-weight:bold}.inactive{opacity:.55}")
        .append("footer{color:#888;font-size:12px;text-align:center;padding:24px 0}")
        .append("</style></head><body><div class=\"wrap\">");
    String logo = brand.path("logo_url").asString("");
    if (Html.absoluteSafeUrl(logo)) {
      h.append("<img src=\"");
      Html.escape(h, logo);
      h.append("\" alt=\"");
      Html.escape(h, brandName);
      h.append("\" style=\"max-width:160px;height:auto\" />");
    }
    h.append("<h1>");
    Html.escape(
        h,
        customer.name() == null || customer.name().isBlank()
            ? "Your wallet"
            : "Hi " + customer.name());
    h.append("</h1><div class=\"muted\">Your codes, gift cards and points at ");
    Html.escape(h, brandName);
    h.append("</div>");
    section(h, project, "Your codes", items, List.of(WalletItem.CODE, WalletItem.REFERRAL_CODE));
    section(h, project, "Gift cards", items, List.of(WalletItem.GIFT_CARD));
    section(
        h, project, "Loyalty", items, List.of(WalletItem.LOYALTY_CARD, WalletItem.LOYALTY_PROGRAM));
    if (items.isEmpty()) {
      h.append("<p class=\"muted\">Nothing here yet.</p>");
    }
    h.append("<footer>");
    Html.escape(h, brandName);
    String address = Derivations.address(brand.path("address"));
    if (address != null) {
      h.append("<br />");
      Html.escape(h, address);
    }
    h.append("</footer></div></body></html>");
    return h.toString();
  }

  private void section(
      StringBuilder h, Project project, String title, List<WalletItem> items, List<String> kinds) {
    List<WalletItem> matching = items.stream().filter(i -> kinds.contains(i.kind())).toList();
    if (matching.isEmpty()) {
      return;
    }
    h.append("<h2>").append(title).append("</h2>");
    for (WalletItem item : matching) {
      h.append("<div class=\"card").append(item.active() ? "" : " inactive").append("\">");
      if (item.code() != null && !item.kind().equals(WalletItem.LOYALTY_PROGRAM)) {
        h.append("<img src=\"");
        Html.escape(
            h,
            links.url("/public/codes/", PublicLinks.Kind.QR, project.id(), item.code()) + ".png");
        h.append("\" alt=\"QR code ");
        Html.escape(h, item.code());
        h.append("\" />");
      }
      h.append("<div>");
      if (item.title() != null) {
        h.append("<div class=\"muted\">");
        Html.escape(h, item.title());
        h.append("</div>");
      }
      if (item.code() != null) {
        h.append("<div class=\"code\">");
        Html.escape(h, item.code());
        h.append("</div>");
      }
      if (item.value() != null) {
        h.append("<div class=\"value\">");
        Html.escape(h, item.value());
        h.append("</div>");
      }
      if (item.detail() != null) {
        h.append("<div class=\"muted\">");
        Html.escape(h, item.detail());
        h.append("</div>");
      }
      if (item.expiresAt() != null) {
        h.append("<div class=\"muted\">Valid until ")
            .append(DATE.format(item.expiresAt().atZone(project.timeZone())))
            .append("</div>");
      }
      if (!item.active()) {
        h.append("<div class=\"muted\">Inactive</div>");
      }
      h.append("</div></div>");
    }
  }
}
