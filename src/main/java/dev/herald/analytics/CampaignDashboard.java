package dev.herald.analytics;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.distributions.Distribution;
import dev.herald.distributions.DistributionReads;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A campaign's distributions with their results: every distribution (not deleted) that publishes
 * the campaign's codes or is triggered by it, and any that published its codes before an edit. Per
 * distribution: status, channels, codes of this campaign it published and how many of those were
 * redeemed, messages sent/delivered/failed over its life — read from the all-time roll-up rows, one
 * per channel and per campaign.
 */
@Component
class CampaignDashboard {

  private final Campaigns campaigns;
  private final DistributionReads distributions;
  private final Messaging messaging;
  private final DeliveryRepository deliveries;
  private final CodeRepository codes;

  CampaignDashboard(
      Campaigns campaigns,
      DistributionReads distributions,
      Messaging messaging,
      DeliveryRepository deliveries,
      CodeRepository codes) {
    this.campaigns = campaigns;
    this.distributions = distributions;
    this.messaging = messaging;
    this.deliveries = deliveries;
    this.codes = codes;
  }

  Map<String, Object> list(ProjectId project, String campaignRef, Page page) {
    Campaign campaign =
        campaigns
            .findOptional(project, campaignRef)
            .orElseThrow(() -> ApiException.notFound("campaign", campaignRef));
    Map<String, Distribution> found = new LinkedHashMap<>();
    distributions
        .usingCampaign(project, campaign.id(), campaign.name())
        .forEach(d -> found.put(d.id(), d));
    // distributions that published its codes before an edit took the campaign out of them
    List<String> earlier =
        codes.publishersOf(project, campaign.id()).stream()
            .filter(id -> !found.containsKey(id))
            .toList();
    distributions.getAll(project, earlier).forEach(d -> found.put(d.id(), d));
    List<Distribution> all = new ArrayList<>(found.values());
    all.sort(
        Comparator.comparing(Distribution::createdAt).thenComparing(Distribution::id).reversed());
    int from = Math.min(page.offset(), all.size());
    List<Distribution> shown = all.subList(from, Math.min(from + page.fetchSize(), all.size()));
    List<String> ids = shown.stream().map(Distribution::id).toList();
    Map<String, DeliveryCounts> delivery = new HashMap<>();
    for (DeliveryRepository.Total t : deliveries.totals(project, ids)) {
      delivery.merge(t.distributionId(), t.row().counts(), DeliveryCounts::plus);
    }
    Map<String, long[]> codeCounts = new HashMap<>();
    for (CodeRepository.Total t : codes.totals(project, ids)) {
      if (t.campaignId().equals(campaign.id())) {
        codeCounts.put(t.distributionId(), new long[] {t.published(), t.redeemed()});
      }
    }
    Map<String, List<Channel>> channels = messaging.channelsOf(project, ids);
    List<ObjectNode> items = new ArrayList<>();
    for (Distribution d : shown) {
      items.add(
          item(
              d,
              campaign,
              channels.getOrDefault(d.id(), List.of()),
              delivery.getOrDefault(d.id(), DeliveryCounts.ZERO),
              codeCounts.getOrDefault(d.id(), new long[2])));
    }
    return ListResponse.page("distributions", items, page, (long) all.size());
  }

  private static ObjectNode item(
      Distribution d,
      Campaign campaign,
      List<Channel> channels,
      DeliveryCounts delivery,
      long[] codes) {
    ObjectNode out = Json.object();
    out.put("id", d.id());
    out.put("object", "distribution");
    out.put("name", d.name());
    out.put("status", d.status().name());
    out.put("trigger_type", d.triggerType());
    out.put("action_type", d.action() == null ? null : d.action().path("type").asString(null));
    ArrayNode uses = Json.array();
    if (refersTo(d.action() == null ? null : d.action().path("campaign_id"), campaign)) {
      uses.add("action");
    }
    if (refersTo(d.trigger().path("campaign_id"), campaign)) {
      uses.add("trigger");
    }
    out.set("uses", uses);
    out.put("channels", channels.size());
    ArrayNode types = Json.array();
    channels.stream().map(Channel::type).distinct().forEach(types::add);
    out.set("channel_types", types);
    out.put("codes_published", codes[0]);
    out.put("messages_sent", delivery.sent());
    out.put("messages_delivered", delivery.delivered());
    out.put("messages_failed", delivery.failed());
    out.put("codes_redeemed", codes[1]);
    out.put("redemption_rate", DistributionReport.rate(codes[1], codes[0]));
    out.put("created_at", Times.format(d.createdAt()));
    return out;
  }

  private static boolean refersTo(tools.jackson.databind.JsonNode ref, Campaign campaign) {
    String value = ref == null ? null : ref.asString(null);
    return value != null && (value.equals(campaign.id()) || value.equals(campaign.name()));
  }
}
