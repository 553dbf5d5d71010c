/**
 * Customers: profiles with metadata, address and birthdate, upserted by id or {@code source_id};
 * consents and unsubscribe; the activity feed (read from the event log). Other modules keep their
 * read models on the profile ({@code summary}, {@code loyalty}, {@code referrals}) through {@link
 * dev.herald.customers.Customers}. Owns {@code customer}. Emits {@code customer.created}, {@code
 * customer.updated}, {@code customer.deleted}.
 *
 * <p>Seams for modules above it: {@link dev.herald.customers.CustomerSql} exposes SQL fragments
 * over the customer table (segment filters are compiled from them, set-based), and {@link
 * dev.herald.customers.CustomerListFilter} lets another module answer a filter of {@code GET
 * /v1/customers} (the segments module answers {@code segment_id}) without this module depending on
 * it.
 */
package dev.herald.customers;
