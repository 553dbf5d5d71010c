package dev.herald.messaging;

import dev.herald.customers.Customer;
import dev.herald.projects.Project;

/**
 * One send: the message, its channel and project, and the recipient as they are now (address and
 * consent are read at send time; null for channels that do not address the customer).
 */
record Delivery(Message message, Channel channel, Project project, Customer customer) {}
