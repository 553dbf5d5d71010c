package dev.herald.dashboard.web;

import dev.herald.analytics.Activity;
import dev.herald.analytics.Analytics;
import dev.herald.dashboard.DashboardUser;
import dev.herald.distributions.Distributions;
import dev.herald.eventlog.ActivityQuery;
import dev.herald.eventlog.StreamFilter;
import dev.herald.messaging.AudienceQuery;
import dev.herald.messaging.MessageStatus;
import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A distribution's overview: Details, Audience, Analytics and Activity tabs; the progress bar and
 * countdown of a manual send (an htmx fragment polled while it is scheduled or sending); the live
 * activity stream (Server-Sent Events, session-authenticated).
 */
@Controller
class OverviewController {

  static final List<String> TABS = List.of("details", "audience", "analytics", "activity");
  static final int AUDIENCE_PAGE = 50;
  static final int AUDIENCE_MAX_PAGE = 20;

  private final Distributions distributions;
  private final Activity activity;
  private final Views views;
  private final DistributionMetrics metrics;
  private final Analytics analytics;

  OverviewController(
      Distributions distributions,
      Activity activity,
      Views views,
      DistributionMetrics metrics,
      Analytics analytics) {
    this.analytics = analytics;
    this.distributions = distributions;
    this.activity = activity;
    this.views = views;
    this.metrics = metrics;
  }

  @GetMapping("/dashboard/distributions/{id}")
  String overview(
      DashboardUser user,
      @PathVariable String id,
      @RequestParam(defaultValue = "details") String tab,
      @RequestParam Map<String, String> params,
      Model model) {
    if (!TABS.contains(tab)) {
      throw ApiException.notFound("tab", tab);
    }
    ObjectNode d = distributions.get(user.project(), id);
    ZoneId zone = views.zone(user.project());
    model.addAttribute("d", Views.map(d));
    model.addAttribute("tab", tab);
    model.addAttribute("tabs", TABS);
    model.addAttribute("zone", zone);
    model.addAttribute("live", running(d));
    switch (tab) {
      case "details" ->
          model.addAttribute("summary", Views.map(distributions.summary(user.project(), id)));
      case "audience" -> audience(user, id, d, params, model);
      case "analytics" -> {
        metrics.analyticsModel(user, id, params, zone, model);
        model.addAttribute("eventTypes", String.join(" ", ActivityTypes.ALL));
      }
      default -> activity(user, id, params, zone, model);
    }
    return "dashboard/overview";
  }

  static boolean running(JsonNode d) {
    return List.of("SCHEDULED", "WAITING_FOR_SEGMENT_SYNC", "SENDING")
        .contains(d.path("status").asString());
  }

  /** htmx: the countdown (scheduled) or progress bar (sending), polled while it runs. */
  @GetMapping("/dashboard/distributions/{id}/progress")
  String progress(DashboardUser user, @PathVariable String id, Model model) {
    ObjectNode d = distributions.get(user.project(), id);
    model.addAttribute("d", Views.map(d));
    model.addAttribute("live", running(d));
    model.addAttribute("oob", true); // the status badge follows the progress
    return "dashboard/overview :: progress";
  }

  private void audience(
      DashboardUser user, String id, ObjectNode d, Map<String, String> params, Model model) {
    int page = Math.max(1, Math.min(AUDIENCE_MAX_PAGE, intParam(params.get("page"), 1)));
    MessageStatus status = null;
    String s = params.get("status");
    if (s != null && !s.isBlank()) {
      try {
        status = MessageStatus.valueOf(s);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid_status", "Unknown message status " + s);
      }
    }
    String channel = blankToNull(params.get("channel"));
    String customer = blankToNull(params.get("customer"));
    // the distribution's recipients as the API's audience report pages them (customer order)
    Map<String, Object> report =
        analytics.audience(
            user.project(),
            id,
            new AudienceQuery(
                channel, status, customer, null, (page - 1) * AUDIENCE_PAGE, AUDIENCE_PAGE));
    boolean more = Boolean.TRUE.equals(report.get("has_more"));
    // one row per recipient, with each channel's latest message in its column
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object item : (List<?>) report.get("recipients")) {
      ObjectNode recipient = (ObjectNode) item;
      Map<String, Object> row = new LinkedHashMap<>();
      Map<String, Object> byChannel = new LinkedHashMap<>();
      String code = null;
      for (JsonNode c : recipient.path("channels")) {
        byChannel.putIfAbsent(c.path("type").asString(), Views.map((ObjectNode) c));
        code = code != null ? code : c.path("voucher_code").asString(null);
      }
      row.put("customer_id", recipient.path("customer_id").asString());
      row.put("created_at", recipient.path("first_message_at").asString());
      row.put("voucher_code", code);
      row.put("channels", byChannel);
      rows.add(row);
    }
    List<String> channelTypes = new ArrayList<>();
    d.path("channels").forEach(c -> channelTypes.add(c.path("type").asString()));
    model.addAttribute("recipients", rows);
    model.addAttribute("channelTypes", channelTypes);
    model.addAttribute("page", page);
    model.addAttribute("more", more && page < AUDIENCE_MAX_PAGE);
    model.addAttribute("statuses", MessageStatus.values());
    model.addAttribute("filters", PageMap.copy(params));
  }

  private void activity(
      DashboardUser user, String id, Map<String, String> params, ZoneId zone, Model model) {
    StreamFilter filter = filter(id, params, zone);
    Map<String, Object> page =
        activity.page(
            user.project(), filter, new ActivityQuery(50, false, blankToNull(params.get("after"))));
    @SuppressWarnings("unchecked")
    List<ObjectNode> history = (List<ObjectNode>) page.get("data");
    model.addAttribute("history", Views.maps(history));
    model.addAttribute("historyMore", page.get("more_starting_after"));
    model.addAttribute("filters", PageMap.copy(params));
    model.addAttribute("eventTypes", String.join(" ", ActivityTypes.ALL));
    StringBuilder query = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (List.of("type", "from", "to").contains(k) && v != null && !v.isBlank()) {
            query.append(query.length() == 0 ? "?" : "&").append(k).append('=').append(v);
          }
        });
    model.addAttribute("streamQuery", query.toString());
  }

  /** The Analytics tab's chart data (redrawn by the page when live activity arrives). */
  @GetMapping(
      path = "/dashboard/distributions/{id}/analytics.json",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  String chart(
      DashboardUser user, @PathVariable String id, @RequestParam(required = false) String range) {
    distributions.get(user.project(), id);
    return Json.write(
        metrics.chart(user, id, DistributionMetrics.range(range), views.zone(user.project())));
  }

  /** The live feed, over the project's activity stream filtered to this distribution. */
  @GetMapping(
      path = "/dashboard/distributions/{id}/activity/stream",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter stream(
      DashboardUser user,
      @PathVariable String id,
      @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
      @RequestParam Map<String, String> params) {
    distributions.get(user.project(), id);
    return activity.stream(
        user.project(), filter(id, params, views.zone(user.project())), lastEventId);
  }

  private static StreamFilter filter(String id, Map<String, String> params, ZoneId zone) {
    String type = blankToNull(params.get("type"));
    return new StreamFilter(
        id,
        blankToNull(params.get("customer")),
        type == null ? List.of() : List.of(type),
        day(params.get("from"), zone, 0),
        day(params.get("to"), zone, 1));
  }

  private static Instant day(String value, ZoneId zone, int plusDays) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim()).plusDays(plusDays).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("invalid_date", "Dates look like 2026-12-31");
    }
  }

  static int intParam(String value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
