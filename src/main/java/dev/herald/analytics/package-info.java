/**
 * What marketers watch: distribution activity (paged and live over Server-Sent Events, resumable
 * with {@code Last-Event-ID}, fed across nodes by the event log's notifications), and the roll-ups
 * behind distribution and campaign analytics. Reads the event log through its facade. Emits
 * nothing.
 */
package dev.herald.analytics;
