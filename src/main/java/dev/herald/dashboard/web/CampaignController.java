package dev.herald.dashboard.web;

import dev.herald.analytics.Analytics;
import dev.herald.campaigns.Campaigns;
import dev.herald.dashboard.DashboardUser;
import dev.herald.shared.web.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Campaigns and a campaign's Distributions tab: each distribution publishing its codes (or
 * triggered by it) with state, channels, published codes, delivered messages, redeemed codes and
 * the redemption rate — the campaign dashboard of {@link Analytics}, read from its roll-ups, in
 * pages of 20.
 */
@Controller
class CampaignController {

  static final int PAGE = 20;
  static final int MAX_PAGE = 500;

  private final Campaigns campaigns;
  private final Analytics analytics;
  private final Views views;

  CampaignController(Campaigns campaigns, Analytics analytics, Views views) {
    this.campaigns = campaigns;
    this.analytics = analytics;
    this.views = views;
  }

  @GetMapping("/dashboard/campaigns")
  String list(DashboardUser user, @RequestParam(defaultValue = "1") String page, Model model) {
    int p = page(page);
    Map<String, Object> found = campaigns.list(user.project(), null, new Page(PAGE, p));
    @SuppressWarnings("unchecked")
    List<JsonNode> items = (List<JsonNode>) found.get("campaigns");
    model.addAttribute("items", Views.maps(items));
    model.addAttribute("total", Views.value(found.get("total")));
    model.addAttribute("page", p);
    model.addAttribute("more", items.size() == PAGE && p < MAX_PAGE);
    model.addAttribute("zone", views.zone(user.project()));
    return "dashboard/campaigns";
  }

  @GetMapping("/dashboard/campaigns/{id}")
  String campaign(
      DashboardUser user,
      @PathVariable String id,
      @RequestParam(defaultValue = "1") String page,
      Model model) {
    ObjectNode campaign = campaigns.get(user.project(), id);
    int p = page(page);
    Map<String, Object> list =
        analytics.campaignDistributions(
            user.project(), campaign.path("id").asString(), new Page(PAGE, p));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object item : (List<?>) list.get(list.get("data_ref"))) {
      ObjectNode d = (ObjectNode) item;
      Map<String, Object> row = Views.map(d);
      List<Map<String, Object>> channels = new ArrayList<>();
      d.path("channel_types").forEach(t -> channels.add(Map.of("type", t.asString())));
      row.put("channels", channels);
      row.put("delivered", d.path("messages_delivered").asLong());
      row.put("codes", Views.map(DistributionMetrics.codes(d)));
      rows.add(row);
    }
    boolean more = Boolean.TRUE.equals(list.get("has_more"));
    model.addAttribute("c", Views.map(campaign));
    model.addAttribute("rows", rows);
    model.addAttribute("page", p);
    model.addAttribute("more", more && p < MAX_PAGE);
    model.addAttribute("zone", views.zone(user.project()));
    return "dashboard/campaign";
  }

  private static int page(String value) {
    return Math.max(1, Math.min(MAX_PAGE, OverviewController.intParam(value, 1)));
  }
}
