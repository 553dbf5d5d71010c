package dev.herald.customers;

import tools.jackson.databind.node.ObjectNode;

/**
 * SPI: modules that give a customer hosted assets add them to the profile's {@code assets} object
 * (Voucherify's {@code customer.assets}), e.g. the templates module adds {@code cockpit_url}, the
 * signed link to the customer's cockpit page. Implementations must be cheap (no queries): they run
 * whenever a customer is rendered as JSON.
 */
public interface CustomerAssets {

  void contribute(Customer customer, ObjectNode assets);
}
