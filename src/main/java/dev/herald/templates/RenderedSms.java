package dev.herald.templates;

/**
 * A rendered SMS: its text, how it travels ({@code GSM-7} or {@code UCS-2}), how many segments it
 * takes and its length in septets or UTF-16 units.
 */
public record RenderedSms(String text, String encoding, int segments, int length) {}
