/**
 * The event log, Herald's spine: every business fact under its Voucherify event name ({@code
 * customer.order.paid}, {@code customer.custom_event}, ...), appended in the same transaction as
 * the change that made it true. It is the outbox, the customer activity feed and the audit trail.
 *
 * <p>Modules react to facts through {@link dev.herald.eventlog.EventConsumer}s: appending an event
 * queues one task per interested consumer in the same transaction, so each consumer handles each
 * event exactly once (its effects commit with the task's completion), whatever the commit order.
 * Owns {@code event_log}.
 */
package dev.herald.eventlog;
