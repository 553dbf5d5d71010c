/**
 * Distributions: what to send, to whom, when. A distribution has a trigger (an event type and its
 * scope), an action, channels (kept by messaging) and, for automatic ones, an optional time frame.
 * The trigger matcher consumes the event log and turns each matching event into one message per
 * channel, in one transaction guarded by unique keys. Owns {@code distribution}. Emits nothing yet.
 */
package dev.herald.distributions;
