/**
 * Orders: upserted by id or {@code source_id}, with items and amounts in cents, and the status
 * lifecycle {@code CREATED → PAID → FULFILLED}, {@code CANCELED}. Keeps the customer's {@code
 * summary.orders} current. Owns {@code orders}. Emits {@code customer.order.created}, {@code
 * customer.order.updated}, {@code customer.order.paid}, {@code customer.order.canceled} and {@code
 * customer.order.fulfilled}, each once per real transition.
 */
package dev.herald.orders;
