package dev.herald.templates;

/** An image an email carries as a MIME part ({@code cid:} reference) instead of a link. */
public record InlineImage(String contentId, String contentType, byte[] bytes) {}
