/**
 * Custom events ({@code POST /v1/events}): upserts the event's customer, keeps the event with its
 * metadata and its referral/loyalty blocks, and per-customer counts by event name (for segment
 * filters such as {@code events.<name>.count}, which it serves to the segments module as a {@code
 * SegmentFieldSource} over its own table). Owns {@code custom_event} and {@code
 * custom_event_count}. Emits {@code customer.custom_event}.
 */
package dev.herald.customevents;
