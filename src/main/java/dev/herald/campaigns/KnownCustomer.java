package dev.herald.campaigns;

import dev.herald.customers.Customer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A customer the caller has just read in its transaction, with its API object ({@code
 * Customers.toJson}), handed to a batch publication so that it neither reads the customer again nor
 * renders it again: the publication's events carry this very object.
 */
public record KnownCustomer(Customer customer, ObjectNode json) {}
