package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/templates}. A difference fails the test; run
 * with {@code -Dgolden.update=true} to rewrite them after an intended change (then review the
 * diff).
 */
final class Golden {

  private static final Path DIR = Path.of("src/test/resources/golden/templates");

  private Golden() {}

  static void check(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        assertThat(Boolean.getBoolean("golden.update"))
            .as("golden file %s was missing and has been written: review and commit it", file)
            .isTrue();
      }
      assertThat(actual)
          .as("golden file " + file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
