package dev.herald.templates;

/** A saved template version: what a message keeps to render the same content on every retry. */
public record TemplateRef(String id, int version) {}
