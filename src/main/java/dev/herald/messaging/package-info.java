/**
 * Messages and their delivery: the channels of a distribution (config and ACTIVE/PAUSED state), one
 * small row per message (template reference and variable snapshot, not rendered content), the
 * dispatcher that claims due messages ({@code FOR UPDATE SKIP LOCKED} + lease), the channel
 * adapters, retries, and every attempt on record. Owns {@code channel}, {@code message}, {@code
 * message_attempt}. Emits nothing yet.
 */
package dev.herald.messaging;
