package dev.herald.templates;

import java.util.List;

/** A rendered email: subject, preheader, HTML, its plain-text alternative and inline images. */
public record RenderedEmail(
    String subject, String preheader, String html, String text, List<InlineImage> images) {}
