/**
 * Customers: profiles with metadata, address and birthdate, upserted by id or {@code source_id};
 * consents and unsubscribe; the activity feed (read from the event log). Other modules keep their
 * read models on the profile ({@code summary}, {@code loyalty}, {@code referrals}) through {@link
 * dev.herald.customers.Customers}. Owns {@code customer}. Emits {@code customer.created}, {@code
 * customer.updated}, {@code customer.deleted}.
 */
package dev.herald.customers;
