package dev.herald.templates;

import dev.herald.customers.Customer;
import java.util.List;

/**
 * SPI: what a customer's cockpit page shows. Every module that knows a customer's codes, gift
 * balances or loyalty points implements it (a Spring bean); the cockpit asks all of them and merges
 * the items by code, the source with the higher {@link #priority()} winning. Today the templates
 * module contributes the profile's loyalty read model and messaging contributes the codes found in
 * the customer's message snapshots (as they were when sent); a campaigns or loyalty module adds
 * live data with a higher priority.
 */
public interface WalletSource {

  List<WalletItem> items(Customer customer);

  /** Snapshots are 0; live data should be higher. */
  default int priority() {
    return 0;
  }
}
