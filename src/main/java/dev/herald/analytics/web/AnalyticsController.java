package dev.herald.analytics.web;

import dev.herald.analytics.Analytics;
import dev.herald.analytics.AnalyticsQuery;
import dev.herald.messaging.AudienceQuery;
import dev.herald.messaging.MessageStatus;
import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** Distribution analytics and audience, and a campaign's distributions with their results. */
@RestController
class AnalyticsController {

  private final Analytics analytics;
  private final Messaging messaging;

  AnalyticsController(Analytics analytics, Messaging messaging) {
    this.analytics = analytics;
    this.messaging = messaging;
  }

  /** {@code ?start_date&end_date&granularity=hour|day}. */
  @GetMapping("/v1/distributions/{id}/analytics")
  ObjectNode distribution(ProjectId project, @PathVariable String id, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return analytics.distribution(
        project,
        id,
        new AnalyticsQuery(
            q.string("start_date").orElse(null),
            q.string("end_date").orElse(null),
            q.string("granularity").orElse(null)));
  }

  /**
   * {@code ?channel&status&customer_id}, paged by {@code limit} and {@code starting_after} (a
   * customer id, as {@code more_starting_after} gives it) or {@code page}.
   */
  @GetMapping("/v1/distributions/{id}/audience")
  Map<String, Object> audience(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    Page page = Page.from(q);
    String channel = q.string("channel").orElse(null);
    if (channel != null && !messaging.channelTypes().contains(channel)) {
      throw QueryParams.invalid(
          "channel", "must be one of " + String.join(", ", messaging.channelTypes()));
    }
    return analytics.audience(
        project,
        id,
        new AudienceQuery(
            channel,
            q.enumValue("status", MessageStatus.class).orElse(null),
            q.string("customer_id").orElse(null),
            q.string("starting_after").orElse(null),
            page.offset(),
            page.limit()));
  }

  @GetMapping("/v1/campaigns/{id}/distributions")
  Map<String, Object> campaign(
      ProjectId project, @PathVariable String id, HttpServletRequest request) {
    return analytics.campaignDistributions(project, id, Page.from(QueryParams.of(request)));
  }
}
