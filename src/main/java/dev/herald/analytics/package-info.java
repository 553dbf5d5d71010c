/**
 * What marketers watch: distribution activity (paged and live over Server-Sent Events, resumable
 * with {@code Last-Event-ID}, fed across nodes by the event log's notifications); delivery roll-ups
 * per distribution, channel and 15-minute slot kept by messaging's {@code MessageListener} SPI in
 * the transactions that change messages; codes published via distributions and redeemed, from the
 * event log; distribution analytics, the audience and a campaign's distributions dashboard, read
 * from those roll-ups only. Owns {@code analytics_delivery}, {@code analytics_delivery_total},
 * {@code analytics_code}, {@code analytics_code_bucket}, {@code analytics_code_total}. Emits the
 * delivery activity {@code customer.<channel>.sent|recovered|failed|skipped}.
 */
package dev.herald.analytics;
