package dev.herald.analytics;

import dev.herald.messaging.AudienceQuery;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.Page;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * What marketers watch, as the API answers it (the dashboard calls these too). Everything is read
 * from roll-ups kept incrementally with the changes they count, never by counting messages.
 */
@Service
public class Analytics {

  private final DistributionReport distributionReport;
  private final CampaignDashboard campaignDashboard;
  private final AudienceReport audienceReport;

  Analytics(
      DistributionReport distributionReport,
      CampaignDashboard campaignDashboard,
      AudienceReport audienceReport) {
    this.distributionReport = distributionReport;
    this.campaignDashboard = campaignDashboard;
    this.audienceReport = audienceReport;
  }

  /**
   * {@code GET /v1/distributions/{id}/analytics}: totals and series (all channels and per channel)
   * of queued, sent, delivered, failed, recovered and skipped messages, codes published and
   * redeemed and the redemption rate, in hour or day buckets of the project's time zone; and the
   * same totals over the distribution's life. 404 for an unknown distribution, 400 for a bad range.
   */
  public ObjectNode distribution(ProjectId project, String distributionId, AnalyticsQuery query) {
    return distributionReport.report(project, distributionId, query);
  }

  /**
   * {@code GET /v1/campaigns/{id}/distributions}: the campaign's distributions with status, channel
   * count, codes published, messages delivered, codes redeemed and redemption rate (a list
   * envelope, {@code data_ref} {@code distributions}). 404 for an unknown campaign.
   */
  public Map<String, Object> campaignDistributions(
      ProjectId project, String campaignIdOrName, Page page) {
    return campaignDashboard.list(project, campaignIdOrName, page);
  }

  /**
   * {@code GET /v1/distributions/{id}/audience}: the distribution's recipients with each channel's
   * latest message (a list envelope, {@code data_ref} {@code recipients}, with {@code has_more} and
   * {@code more_starting_after}). {@code query.limit()} is the page size.
   */
  public Map<String, Object> audience(
      ProjectId project, String distributionId, AudienceQuery query) {
    return audienceReport.page(project, distributionId, query);
  }
}
