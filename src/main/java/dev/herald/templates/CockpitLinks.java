package dev.herald.templates;

import dev.herald.customers.Customer;
import dev.herald.customers.CustomerAssets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** Puts the signed link to the customer's cockpit page on every profile. */
@Component
class CockpitLinks implements CustomerAssets {

  private final PublicLinks links;

  CockpitLinks(PublicLinks links) {
    this.links = links;
  }

  @Override
  public void contribute(Customer customer, ObjectNode assets) {
    assets.put("cockpit_url", url(customer.projectId(), customer.id()));
  }

  String url(dev.herald.projects.ProjectId project, String customerId) {
    return links.url("/public/cockpit/", PublicLinks.Kind.COCKPIT, project, customerId);
  }
}
