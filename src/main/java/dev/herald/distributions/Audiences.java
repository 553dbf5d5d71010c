package dev.herald.distributions;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who a distribution reaches. A manual send reaches one customer or a segment's members; an
 * automatic one reaches the customer of each matching event (unknown in advance).
 */
@Component
class Audiences {

  private final Customers customers;

  Audiences(Customers customers) {
    this.customers = customers;
  }

  /** How many recipients, and how many of them cannot get a message and why (null = unknown). */
  record Estimate(
      String description, Long recipients, long unsubscribed, long noEmail, long noPhone) {}

  Estimate estimate(Distribution d) {
    if (!d.manual()) {
      return new Estimate("the customer of each matching event", null, 0, 0, 0);
    }
    if (d.audience() == null) {
      return new Estimate("not chosen yet", 0L, 0, 0, 0);
    }
    String ref = d.audience().path("customer").asString(null);
    if (ref != null) {
      Optional<Customer> customer = customers.find(d.projectId(), ref);
      return customer
          .map(Summaries::one)
          .orElse(new Estimate("customer " + ref + " (not found)", 0L, 0, 0, 0));
    }
    return new Estimate("segment " + d.audience().path("segment_id").asString(), null, 0, 0, 0);
  }
}
