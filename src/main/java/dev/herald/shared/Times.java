package dev.herald.shared;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The API's one time format: ISO-8601 UTC with milliseconds and {@code Z}. */
public final class Times {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * The digits of year, month, day, hour, minute, second and millisecond, and what follows each.
   */
  private static final int[] WIDTHS = {4, 2, 2, 2, 2, 2, 3};

  private static final char[] AFTER = {'-', '-', 'T', ':', ':', '.', 'Z'};

  private Times() {}

  public static String format(Instant instant) {
    if (instant == null) {
      return null;
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 1 || t.getYear() > 9999) {
      return FORMAT.format(instant);
    }
    // written digit by digit: this runs for every time in every payload, and the general
    // formatter costs several times as much
    int[] fields = {
      t.getYear(),
      t.getMonthValue(),
      t.getDayOfMonth(),
      t.getHour(),
      t.getMinute(),
      t.getSecond(),
      instant.getNano() / 1_000_000
    };
    char[] out = new char[24];
    int at = 0;
    for (int i = 0; i < fields.length; i++) {
      digits(out, at, fields[i], WIDTHS[i]);
      at += WIDTHS[i];
      out[at++] = AFTER[i];
    }
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Parses an ISO instant or a plain date ({@code 2024-01-01} = midnight UTC); null if invalid. */
  public static Instant parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        try {
          return java.time.LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e3) {
          return null;
        }
      }
    }
  }

  /** Stored and served times carry milliseconds, never finer, so cursors round-trip exactly. */
  public static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
