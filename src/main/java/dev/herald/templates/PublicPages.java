package dev.herald.templates;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.projects.Project;
import dev.herald.projects.Projects;
import dev.herald.shared.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What Herald serves to customers without an API key, behind signed links: code images, the cockpit
 * page, and the unsubscribe page with RFC 8058 one-click unsubscribe. An unknown or altered token
 * is a 404, like a page that does not exist.
 */
@Service
public class PublicPages {

  /** A response body with its media type; {@code immutable} ones may be cached forever. */
  public record Page(int status, String contentType, byte[] body, boolean immutable) {

    static Page html(int status, String html) {
      return new Page(
          status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), false);
    }
  }

  private final PublicLinks links;
  private final Projects projects;
  private final Customers customers;
  private final Cockpit cockpit;

  PublicPages(PublicLinks links, Projects projects, Customers customers, Cockpit cockpit) {
    this.links = links;
    this.projects = projects;
    this.customers = customers;
    this.cockpit = cockpit;
  }

  /** A QR code or barcode image; {@code format} png or svg, {@code size} pixels per module. */
  public Optional<Page> codeImage(String token, String format, int size) {
    return links
        .verify(token)
        .filter(l -> l.kind() == PublicLinks.Kind.QR || l.kind() == PublicLinks.Kind.BARCODE)
        .filter(l -> l.values().size() == 1)
        .map(
            l -> {
              CodeImages.Kind kind =
                  l.kind() == PublicLinks.Kind.QR ? CodeImages.Kind.QR : CodeImages.Kind.BARCODE;
              String code = l.values().get(0);
              CodeImages.Image image =
                  format.equals("svg")
                      ? CodeImages.svg(kind, code, size)
                      : CodeImages.png(kind, code, size);
              return new Page(200, image.contentType(), image.bytes(), true);
            });
  }

  public Optional<Page> cockpit(String token) {
    return links
        .verify(token)
        .filter(l -> l.kind() == PublicLinks.Kind.COCKPIT && l.values().size() == 1)
        .flatMap(l -> customer(l).map(c -> Page.html(200, cockpit.page(project(l), c))));
  }

  /**
   * The unsubscribe link. Opening it ({@code confirm = false}) shows a page with one button;
   * posting it (the button, or a mail client's RFC 8058 one-click POST) unsubscribes the customer
   * from all marketing. Preview links change nothing.
   */
  public Optional<Page> unsubscribe(String token, boolean confirm) {
    Optional<PublicLinks.Link> link =
        links
            .verify(token)
            .filter(l -> l.kind() == PublicLinks.Kind.UNSUBSCRIBE && l.values().size() == 2);
    if (link.isEmpty()) {
      return Optional.empty();
    }
    PublicLinks.Link l = link.get();
    Project project = project(l);
    Optional<Customer> customer = customer(l);
    if (customer.isEmpty()) {
      return Optional.empty();
    }
    boolean preview = l.values().get(1).equals("preview");
    String brand = project.brand().path("name").asString(project.name());
    if (!confirm) {
      return Optional.of(
          Page.html(200, UnsubscribePage.confirm(brand, customer.get().unsubscribed())));
    }
    if (!preview) {
      customers.unsubscribe(project.id(), customer.get().id());
    }
    return Optional.of(Page.html(200, UnsubscribePage.done(brand, preview)));
  }

  private Project project(PublicLinks.Link l) {
    return projects.get(l.project());
  }

  private Optional<Customer> customer(PublicLinks.Link l) {
    try {
      return customers.find(l.project(), l.values().get(0));
    } catch (ApiException e) {
      return Optional.empty();
    }
  }
}
