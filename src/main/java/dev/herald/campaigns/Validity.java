package dev.herald.campaigns;

import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * When a campaign, promotion tier or code may be used: {@code start_date}, {@code expiration_date},
 * a repeating {@code validity_timeframe} ({@code interval} and {@code duration} from the start
 * date), {@code validity_day_of_week} (0 = Sunday) and {@code validity_hours} (daily windows), all
 * read in the project's time zone. Public for other modules' time-limited objects (loyalty earning
 * rules) so that every window in Herald is read the same way.
 */
public record Validity(
    Instant startDate,
    Instant expirationDate,
    JsonNode timeframe,
    JsonNode dayOfWeek,
    JsonNode hours) {

  public static final Validity NONE = new Validity(null, null, null, null, null);

  /** Reads the fields of {@code body}, keeping {@code current} for fields not given. */
  public static Validity from(Body body, Validity current) {
    Instant start =
        body.has("start_date") ? body.instant("start_date").orElse(null) : current.startDate;
    Instant end =
        body.has("expiration_date")
            ? body.instant("expiration_date").orElse(null)
            : current.expirationDate;
    if (start != null && end != null && !end.isAfter(start)) {
      throw body.invalid("expiration_date", "must be after start_date");
    }
    JsonNode timeframe = current.timeframe;
    if (body.has("validity_timeframe")) {
      Optional<Body> tf = body.object("validity_timeframe");
      tf.ifPresent(Validity::checkTimeframe);
      timeframe = tf.map(b -> (JsonNode) b.node().deepCopy()).orElse(null);
    }
    JsonNode days = current.dayOfWeek;
    if (body.has("validity_day_of_week")) {
      days = body.raw("validity_day_of_week").orElse(null);
      if (days != null) {
        if (!days.isArray()) {
          throw body.invalid("validity_day_of_week", "must be an array of numbers 0-6");
        }
        for (JsonNode d : days) {
          if (!d.isIntegralNumber() || d.asInt() < 0 || d.asInt() > 6) {
            throw body.invalid("validity_day_of_week", "must be an array of numbers 0-6");
          }
        }
        days = days.deepCopy();
      }
    }
    JsonNode hours = current.hours;
    if (body.has("validity_hours")) {
      Optional<Body> h = body.object("validity_hours");
      h.ifPresent(Validity::checkHours);
      hours = h.map(b -> (JsonNode) b.node().deepCopy()).orElse(null);
    }
    return new Validity(start, end, timeframe, days, hours);
  }

  private static void checkTimeframe(Body tf) {
    for (String f : new String[] {"interval", "duration"}) {
      String v = tf.requiredString(f);
      if (parse(v) == null) {
        throw tf.invalid(f, "must be an ISO-8601 duration such as P1D or PT12H");
      }
    }
  }

  private static void checkHours(Body hours) {
    for (Body window : hours.objects("daily").orElse(java.util.List.of())) {
      for (String f : new String[] {"start_time", "expiration_time"}) {
        try {
          LocalTime.parse(window.requiredString(f));
        } catch (DateTimeParseException e) {
          throw window.invalid(f, "must be a time HH:mm");
        }
      }
    }
  }

  public static Duration parse(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      int t = iso.indexOf('T');
      if (t < 0) {
        Period p = Period.parse(iso);
        return Duration.ofDays(p.getDays() + 30L * p.getMonths() + 365L * p.getYears());
      }
      Duration time = Duration.parse("P" + iso.substring(t));
      Duration date = t > 1 ? parse(iso.substring(0, t)) : Duration.ZERO;
      return date.plus(time);
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  /** This validity with {@code fallback}'s fields where this one has none. */
  public Validity or(Validity fallback) {
    return new Validity(
        startDate != null ? startDate : fallback.startDate,
        expirationDate != null ? expirationDate : fallback.expirationDate,
        timeframe != null ? timeframe : fallback.timeframe,
        dayOfWeek != null ? dayOfWeek : fallback.dayOfWeek,
        hours != null ? hours : fallback.hours);
  }

  /**
   * Empty when usable at {@code now}; else {@code voucher_expired} or {@code voucher_not_active}.
   */
  public Optional<String> reject(Instant now, ZoneId zone) {
    if (expirationDate != null && !now.isBefore(expirationDate)) {
      return Optional.of("voucher_expired");
    }
    if (startDate != null && now.isBefore(startDate)) {
      return Optional.of("voucher_not_active");
    }
    ZonedDateTime local = now.atZone(zone);
    if (timeframe != null && timeframe.isObject()) {
      Duration interval = parse(timeframe.path("interval").asString(null));
      Duration duration = parse(timeframe.path("duration").asString(null));
      Instant origin = startDate != null ? startDate : Instant.EPOCH;
      if (interval != null && duration != null && !interval.isZero()) {
        long offset = Duration.between(origin, now).toMillis() % interval.toMillis();
        if (offset >= duration.toMillis()) {
          return Optional.of("voucher_not_active");
        }
      }
    }
    int day = local.getDayOfWeek().getValue() % 7;
    if (dayOfWeek != null
        && dayOfWeek.isArray()
        && !dayOfWeek.isEmpty()
        && !contains(dayOfWeek, day)) {
      return Optional.of("voucher_not_active");
    }
    if (hours != null && hours.path("daily").isArray() && !hours.path("daily").isEmpty()) {
      boolean inside = false;
      for (JsonNode w : hours.get("daily")) {
        JsonNode days = w.path("days_of_week");
        boolean dayOk = !days.isArray() || days.isEmpty() || contains(days, day);
        LocalTime from = LocalTime.parse(w.path("start_time").asString("00:00"));
        LocalTime to = LocalTime.parse(w.path("expiration_time").asString("23:59"));
        LocalTime t = local.toLocalTime();
        if (dayOk && !t.isBefore(from) && t.isBefore(to)) {
          inside = true;
        }
      }
      if (!inside) {
        return Optional.of("voucher_not_active");
      }
    }
    return Optional.empty();
  }

  private static boolean contains(JsonNode days, int day) {
    for (JsonNode d : days) {
      if (d.asInt() == day) {
        return true;
      }
    }
    return false;
  }

  public void write(ObjectNode out) {
    out.put("start_date", dev.herald.shared.Times.format(startDate));
    out.put("expiration_date", dev.herald.shared.Times.format(expirationDate));
    out.set("validity_timeframe", timeframe == null ? Json.nullNode() : timeframe);
    out.set("validity_day_of_week", dayOfWeek == null ? Json.nullNode() : dayOfWeek);
    out.set("validity_hours", hours == null ? Json.nullNode() : hours);
  }
}
