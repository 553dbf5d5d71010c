package dev.herald.messaging;

import dev.herald.customers.Customer;
import dev.herald.projects.Project;

/**
 * A claimed message with what deciding and sending it needs: its channel (null if removed) and
 * adapter, its project, and the recipient's current profile (null when the channel does not address
 * the customer, or the customer is gone).
 */
record Prepared(
    Message message, Channel channel, ChannelAdapter adapter, Project project, Customer customer) {

  Delivery delivery() {
    return new Delivery(message, channel, project, customer);
  }
}
