/**
 * Messages and their delivery: the channels of a distribution (config and ACTIVE/PAUSED state), one
 * small row per message (template version and variable snapshot, not rendered content), the one
 * dispatcher for every channel (claims per channel type with {@code FOR UPDATE SKIP LOCKED} +
 * lease, per-channel lanes, outcomes recorded in batches, graceful shutdown), the send policy
 * (consent, addresses, brand, rate limits, project message limits kept as counters), retry ladders
 * per channel, every attempt on record; the channel adapters — webhook (signed, SSRF-guarded),
 * email (SMTP relay or the embedded sandbox GreenMail, List-Unsubscribe one-click), SMS
 * (Twilio-compatible or the sandbox), Mailchimp and Braze — and the per-project integration
 * settings, the sandbox inbox and test sends; a distribution's audience, a page of recipients at a
 * time. Implements the templates SPI {@code WalletSource} (codes from message snapshots); defines
 * the SPI {@code MessageListener} (every recorded message change, in its transaction, for read
 * models kept above: analytics). Owns {@code channel}, {@code message}, {@code message_attempt},
 * {@code message_counter}, {@code rate_bucket}, {@code sandbox_message}. Emits nothing.
 */
package dev.herald.messaging;
