package dev.herald.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Every {@link SegmentFieldSource} bean, in order (the customer attributes first); the first source
 * that serves a path owns it. Looked up on first use, so sources may depend on anything.
 */
@Component
class FieldSources {

  /** A path resolved to the source that serves it. */
  record Resolved(SegmentFieldSource source, SegmentField field) {}

  /** Resolved on first use (the sources use facades that need this module). */
  private final Supplier<List<SegmentFieldSource>> sources;

  FieldSources(ObjectProvider<SegmentFieldSource> provider) {
    this.sources = SingletonSupplier.of(() -> provider.orderedStream().toList());
  }

  List<SegmentFieldSource> all() {
    return sources.get();
  }

  Optional<Resolved> resolve(String path) {
    for (SegmentFieldSource source : all()) {
      Optional<SegmentField> field = source.field(path);
      if (field.isPresent()) {
        return Optional.of(new Resolved(source, field.get()));
      }
    }
    return Optional.empty();
  }

  /** Every path pattern, for "unknown field" errors. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    all().forEach(s -> out.addAll(s.describe()));
    return out;
  }

  /** Whether some source's fields may change with events of this type. */
  boolean anyChangedBy(String eventType) {
    return all().stream().anyMatch(s -> s.isChangedBy(eventType));
  }
}
