/**
 * The HTTP edge shared by every module: request ids, the body-size limit, node roles, API rate
 * limits, {@code Idempotency-Key} replay, Voucherify-style error JSON for every failure, and {@code
 * GET /health}. Owns {@code idempotency_key}. Emits nothing.
 */
package dev.herald.web;
