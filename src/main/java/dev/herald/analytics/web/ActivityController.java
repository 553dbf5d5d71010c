package dev.herald.analytics.web;

import dev.herald.analytics.Activity;
import dev.herald.distributions.Distributions;
import dev.herald.eventlog.ActivityQuery;
import dev.herald.eventlog.StreamFilter;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Activity of a distribution and of the whole project: a paged list, and the same live as
 * Server-Sent Events ({@code Last-Event-ID} or {@code ?after=} resumes).
 */
@RestController
class ActivityController {

  private final Activity activity;
  private final Distributions distributions;

  ActivityController(Activity activity, Distributions distributions) {
    this.activity = activity;
    this.distributions = distributions;
  }

  @GetMapping("/v1/distributions/{id}/activity")
  Map<String, Object> distributionActivity(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    distributions.get(project, id);
    QueryParams q = QueryParams.of(request);
    String order = q.string("order").orElse("-created_at");
    if (!List.of("created_at", "-created_at").contains(order)) {
      throw QueryParams.invalid("order", "must be created_at or -created_at");
    }
    return activity.page(
        project,
        filter(q, id),
        new ActivityQuery(
            q.integer("limit", 1, 100).orElse(20),
            order.equals("created_at"),
            q.string("starting_after_id").orElse(null)));
  }

  @GetMapping(
      path = "/v1/distributions/{id}/activity/stream",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter distributionStream(
      ProjectId project,
      @PathVariable String id,
      @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
      HttpServletRequest request) {
    distributions.get(project, id);
    QueryParams q = QueryParams.of(request);
    return activity.stream(project, filter(q, id), resumeFrom(lastEventId, q));
  }

  @GetMapping(path = "/v1/activity/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter projectStream(
      ProjectId project,
      @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
      HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return activity.stream(project, filter(q, null), resumeFrom(lastEventId, q));
  }

  private static String resumeFrom(String lastEventId, QueryParams q) {
    return lastEventId != null ? lastEventId : q.string("after").orElse(null);
  }

  /**
   * Filters: {@code type} (an event type or prefix, repeatable), {@code channel} (its delivery
   * events, e.g. {@code customer.email.}), {@code customer_id}, {@code start_date}/{@code
   * end_date}.
   */
  private static StreamFilter filter(QueryParams q, String distributionId) {
    List<String> types = new ArrayList<>(q.strings("type"));
    for (String channel : q.strings("channel")) {
      types.add("customer." + channel + ".");
    }
    return new StreamFilter(
        distributionId,
        q.string("customer_id").orElse(null),
        types,
        q.instant("start_date").orElse(null),
        q.instant("end_date").orElse(null));
  }
}
