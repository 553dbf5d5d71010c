package dev.herald.segments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** When a filter is evaluated: the instant, and today's date in the project's time zone. */
public record Moment(Instant now, ZoneId zone) {

  public LocalDate today() {
    return LocalDate.ofInstant(now, zone);
  }
}
