/**
 * Message templates and their rendering: {@code {{path}}} variables resolved against a message's
 * variable snapshot, the webhook payload designer (typed values), and validation of templates when
 * they are saved. Owns no tables yet. Emits nothing.
 */
package dev.herald.templates;
