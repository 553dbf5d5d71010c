package dev.herald.segments;

/**
 * A filter field a {@link SegmentFieldSource} serves: its path as written in filters, its type,
 * whether it takes the anniversary operators ({@code $today}, {@code $this_month}, {@code
 * $next_month}, {@code $next_days}), and a source-specific {@code detail} (a metadata key, an event
 * name, ...) so the source need not parse the path twice.
 */
public record SegmentField(String path, FieldType type, boolean anniversary, String detail) {

  public static SegmentField of(String path, FieldType type) {
    return new SegmentField(path, type, false, null);
  }

  public SegmentField withDetail(String value) {
    return new SegmentField(path, type, anniversary, value);
  }

  public SegmentField withAnniversary() {
    return new SegmentField(path, type, true, detail);
  }

  /** The same field with its type settled (for {@link FieldType#INFERRED} fields). */
  public SegmentField typed(FieldType settled) {
    return new SegmentField(path, settled, anniversary, detail);
  }
}
