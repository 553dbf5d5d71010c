package dev.herald.segments;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code static}: a fixed customer list. {@code auto-update} (active): a filter, emits {@code
 * customer.segment.entered}/{@code left}. {@code passive}: a filter whose membership is kept just
 * the same but emits nothing until a distribution uses it ({@link Segments#activate}).
 */
public enum SegmentType {
  STATIC("static"),
  AUTO_UPDATE("auto-update"),
  PASSIVE("passive");

  private final String wire;

  SegmentType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean hasFilter() {
    return this != STATIC;
  }

  public static Optional<SegmentType> fromWire(String value) {
    return Arrays.stream(values()).filter(t -> t.wire.equalsIgnoreCase(value)).findFirst();
  }
}
