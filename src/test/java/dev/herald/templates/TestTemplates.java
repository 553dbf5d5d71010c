package dev.herald.templates;

/** A {@link Templates} facade without Spring or a database, for unit tests of other modules. */
public final class TestTemplates {

  private TestTemplates() {}

  public static Templates create() {
    return new Templates(null, Fixtures.links(), null);
  }
}
