package dev.herald.distributions;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.segments.Segments;
import dev.herald.segments.SyncStatus;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who a distribution reaches. A manual send reaches one customer or a segment's members; an
 * automatic one reaches the customer of each matching event (unknown in advance).
 */
@Component
class Audiences {

  private final Customers customers;
  private final Segments segments;

  Audiences(Customers customers, Segments segments) {
    this.customers = customers;
    this.segments = segments;
  }

  /** How many recipients, and how many of them cannot get a message and why (null = unknown). */
  record Estimate(
      String description, Long recipients, long unsubscribed, long noEmail, long noPhone) {}

  Estimate estimate(Distribution d) {
    if (!d.manual()) {
      String segment = d.trigger().path("segment_id").asString(null);
      boolean existing = d.trigger().path("include_existing_members").asBoolean(false);
      if (segment != null && existing && segments.find(d.projectId(), segment).isPresent()) {
        return new Estimate(
            "the customer of each matching event, and once the "
                + segments.memberCount(d.projectId(), segment)
                + " customers already in segment "
                + segment
                + " when it goes live",
            null,
            0,
            0,
            0);
      }
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
    String segment = d.audience().path("segment_id").asString();
    if (segments.find(d.projectId(), segment).isEmpty()) {
      return new Estimate("segment " + segment + " (not found)", 0L, 0, 0, 0);
    }
    Customers.Reach reach = customers.reach(d.projectId(), "segment_id", segment);
    return new Estimate(
        "the "
            + reach.total()
            + " customers of segment "
            + segment
            + (segments.syncStatus(d.projectId(), segment) == SyncStatus.IN_PROGRESS
                ? " (still syncing)"
                : ""),
        reach.total(),
        reach.unsubscribed(),
        reach.noEmail(),
        reach.noPhone());
  }
}
