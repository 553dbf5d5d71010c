package dev.herald.templates;

/** A template that cannot be rendered; surfaced to API callers as a 400 with this message. */
public class TemplateException extends RuntimeException {

  public TemplateException(String message) {
    super(message);
  }
}
