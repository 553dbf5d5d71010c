package dev.herald.dashboard.web;

import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What pages need besides data: facade JSON as maps (so templates say {@code d.trigger.type}),
 * times in the project's zone, labels for statuses. Templates call it as {@code @views}.
 */
@Component("views")
class Views {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
  private static final Map<String, String> STATUS_LABELS =
      Map.ofEntries(
          Map.entry("DRAFT", "Draft"),
          Map.entry("LIVE", "Set live"),
          Map.entry("PAUSED", "Paused"),
          Map.entry("SCHEDULED", "Scheduled"),
          Map.entry("WAITING_FOR_SEGMENT_SYNC", "Scheduled (segment syncing)"),
          Map.entry("SENDING", "Sending"),
          Map.entry("SENT", "Sent"),
          Map.entry("CANCELED", "Canceled"),
          Map.entry("FINISHED", "Finished"),
          Map.entry("FAILED", "Failed"));

  private final Projects projects;
  private final Clock clock;

  Views(Projects projects, Clock clock) {
    this.projects = projects;
    this.clock = clock;
  }

  static Map<String, Object> map(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    return PageMap.of(node);
  }

  static List<Map<String, Object>> maps(List<? extends JsonNode> nodes) {
    return nodes.stream().map(Views::map).toList();
  }

  static Object value(Object any) {
    return any instanceof JsonNode n ? PageMap.value(n) : any;
  }

  /** The project's zone; pages show every time in it. */
  ZoneId zone(ProjectId project) {
    return projects.timeZone(project);
  }

  /** An ISO time from the API, shown as "3 Dec 2026, 14:05" in the zone; "—" when absent. */
  public String time(Object iso, ZoneId zone) {
    Instant at = iso == null ? null : Times.parseOrNull(iso.toString());
    return at == null ? "—" : DATE_TIME.format(at.atZone(zone));
  }

  public String status(Object status) {
    return status == null ? "" : STATUS_LABELS.getOrDefault(status.toString(), status.toString());
  }

  /** Milliseconds from now (the server's clock) until an ISO time; 0 when past. */
  public long millisUntil(Object iso) {
    Instant at = iso == null ? null : Times.parseOrNull(iso.toString());
    return at == null ? 0 : Math.max(0, Duration.between(clock.instant(), at).toMillis());
  }

  public String countdown(long millis) {
    long s = (millis + 999) / 1000;
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  public int percent(Object done, Object total) {
    if (!(done instanceof Number d) || !(total instanceof Number t) || t.longValue() <= 0) {
      return 0;
    }
    return (int) Math.min(100, d.longValue() * 100 / t.longValue());
  }

  /**
   * The time left of a send in progress, from its pace so far: "about 3 min" (null before the first
   * recipient is done, or once all are).
   */
  public String eta(Object progress) {
    if (!(progress instanceof Map<?, ?> p)
        || !(p.get("done") instanceof Number done)
        || !(p.get("total") instanceof Number total)
        || p.get("started_at") == null) {
      return null;
    }
    Instant started = Times.parseOrNull(p.get("started_at").toString());
    long d = done.longValue();
    long left = total.longValue() - d;
    if (started == null || d <= 0 || left <= 0) {
      return null;
    }
    long elapsed = Math.max(1, Duration.between(started, clock.instant()).toMillis());
    long seconds = (long) Math.ceil(elapsed / 1000.0 * left / d);
    if (seconds < 60) {
      return "about " + Math.max(1, seconds) + " s";
    }
    if (seconds < 3600) {
      return "about " + (seconds + 59) / 60 + " min";
    }
    return String.format(Locale.ROOT, "about %d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }

  /** Whether a facade object really has a field ({@code containsKey} says yes to any). */
  public boolean has(Object map, String key) {
    return map instanceof Map<?, ?> m && PageMap.has(m, key);
  }

  public String json(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (RuntimeException e) {
      return String.valueOf(value);
    }
  }
}
